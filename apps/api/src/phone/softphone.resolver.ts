import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Activity } from '../activity';
import { CurrentPrincipal, type Principal } from '../auth';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { AgentCallLogService } from './agent-call-log.service';
import { SoftphoneCallInput, SoftphoneConfig, SoftphoneSmsInput } from './dto/softphone.types';
import { SmsService } from './sms.service';

/** The Zoom Phone softphone (Smart Embed) in the SPA: where it loads from, and what it records of calls and texts. */
@Resolver()
export class SoftphoneResolver {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly callLog: AgentCallLogService,
    private readonly texts: SmsService,
  ) {}

  @Query(() => SoftphoneConfig)
  softphone(): SoftphoneConfig {
    const smartEmbedUrl = this.config.zoom.smartEmbedUrl;
    return { smartEmbedUrl, smartEmbedOrigin: new URL(smartEmbedUrl).origin };
  }

  @Mutation(() => Activity, { description: "The softphone's record of one of your Zoom calls: joins the call's activity, whichever comes first" })
  recordSoftphoneCall(@CurrentPrincipal() principal: Principal, @Args('input') input: SoftphoneCallInput): Promise<Activity> {
    return this.callLog.recordSoftphoneCall(principal, input);
  }

  @Mutation(() => Activity, { description: "The softphone's record of one of your texts: one SMS activity per Zoom message id" })
  recordSoftphoneSms(@CurrentPrincipal() principal: Principal, @Args('input') input: SoftphoneSmsInput): Promise<Activity> {
    return this.texts.recordFromSoftphone(principal, input);
  }
}
