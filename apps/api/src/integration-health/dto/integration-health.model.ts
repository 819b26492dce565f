import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class WebhookEventSeen {
  @Field()
  event: string;

  @Field(() => GraphQLISODateTime)
  lastReceivedAt: Date;
}

@ObjectType()
export class InboxStatusCount {
  @Field({ description: 'received, processing, processed, processed_with_errors, skipped, ignored, failed or rejected (refused at intake)' })
  status: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class FailedWebhookEvent {
  @Field(() => ID)
  id: string;

  @Field()
  event: string;

  @Field({ description: 'failed, or processed_with_errors: processed without the malformed records lastError names' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime)
  receivedAt: Date;
}

@ObjectType({ description: 'A Zoom event refused at intake because it could never be stored: only why is kept, never its body' })
export class RejectedWebhookEvent {
  @Field(() => ID)
  id: string;

  @Field()
  event: string;

  @Field({ description: 'What in the event could not be stored, naming the field, never its content' })
  reason: string;

  @Field(() => Int, { description: "Zoom's deliveries of it, each refused (Zoom retries what it gets no 200 for)" })
  deliveries: number;

  @Field(() => GraphQLISODateTime)
  receivedAt: Date;

  @Field(() => GraphQLISODateTime)
  lastDeliveredAt: Date;
}

@ObjectType()
export class ConnectionHealth {
  @Field()
  userEmail: string;

  @Field()
  zoomEmail: string;

  @Field({ description: 'CONNECTED, NEEDS_RECONNECT or REVOKED' })
  state: string;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the stored access token expires' })
  tokenExpiresAt: Date | null;
}

@ObjectType()
export class FailedTranscription {
  @Field(() => ID, { description: "The voicemail's activity: retryTranscription(activityId) tries again" })
  activityId: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime)
  failedAt: Date;
}

@ObjectType({ description: 'What an admin needs to see that Zoom events arrive and are processed' })
export class IntegrationHealth {
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Last time Zoom's endpoint.url_validation was answered" })
  webhookValidatedAt: Date | null;

  @Field(() => [WebhookEventSeen])
  lastEvents: WebhookEventSeen[];

  @Field(() => [InboxStatusCount])
  inboxCounts: InboxStatusCount[];

  @Field(() => [FailedWebhookEvent], { description: 'Events that failed, or were processed without some malformed records, newest first' })
  failedEvents: FailedWebhookEvent[];

  @Field(() => [RejectedWebhookEvent], { description: 'Events refused at intake because they could never be stored, newest first; nothing to retry' })
  rejectedEvents: RejectedWebhookEvent[];

  @Field(() => [FailedTranscription], { description: 'Voicemails whose transcription failed, newest first' })
  failedTranscriptions: FailedTranscription[];

  @Field(() => [ConnectionHealth])
  connections: ConnectionHealth[];
}
