import { Field, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';

/** Where the SPA loads the Zoom Phone softphone (Smart Embed) from, and the only origin whose messages it trusts. */
@ObjectType()
export class SoftphoneConfig {
  @Field()
  smartEmbedUrl: string;

  @Field({ description: "smartEmbedUrl's origin: messages from any other origin are ignored" })
  smartEmbedOrigin: string;
}

/**
 * What the softphone said about a call (zp-call-log-completed-event, zp-save-log-event, zp-notes-save-event). It
 * joins the CALL activity Zoom's events make for the same call_id, whichever comes first; Zoom's facts win.
 */
@InputType()
export class SoftphoneCallInput {
  @Field({ description: "Zoom's call_id (the softphone's callId)" })
  callId: string;

  @Field(() => String, { nullable: true, description: '"inbound" or "outbound"' })
  direction?: string | null;

  @Field(() => String, { nullable: true })
  counterpartNumber?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  occurredAt?: Date | null;

  @Field(() => Int, { nullable: true })
  durationSeconds?: number | null;

  @Field(() => String, { nullable: true, description: "One of the organisation's callDispositions; left as it is when empty" })
  disposition?: string | null;

  @Field(() => String, { nullable: true, description: 'Replaces the notes; left as they are when empty' })
  notes?: string | null;
}

/** A text the softphone logged (zp-sms-log-event): the SMS activity of its Zoom message_id, whichever comes first. */
@InputType()
export class SoftphoneSmsInput {
  @Field({ description: "Zoom's message_id" })
  messageId: string;

  @Field({ description: '"inbound" or "outbound"' })
  direction: string;

  @Field()
  counterpartNumber: string;

  @Field()
  body: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  occurredAt?: Date | null;
}
