import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from '@nestjs/graphql';

export const ZoomConnectionStatus = { NOT_CONNECTED: 'NOT_CONNECTED', CONNECTED: 'CONNECTED', NEEDS_RECONNECT: 'NEEDS_RECONNECT' } as const;
export type ZoomConnectionStatus = (typeof ZoomConnectionStatus)[keyof typeof ZoomConnectionStatus];
registerEnumType(ZoomConnectionStatus, { name: 'ZoomConnectionStatus' });

@ObjectType()
export class ZoomCapabilities {
  @Field({ description: 'Cloud recordings need a Pro or higher plan' })
  recordings: boolean;

  @Field({ description: 'The Zoom user has a Zoom Phone licence' })
  phone: boolean;
}

@ObjectType()
export class ZoomConnection {
  @Field(() => ZoomConnectionStatus)
  status: ZoomConnectionStatus;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  accountId: string | null;

  @Field(() => String, { nullable: true })
  zoomUserId: string | null;

  @Field(() => String, { nullable: true })
  planType: string | null;

  @Field(() => String, { nullable: true, description: 'E.164' })
  phoneNumber: string | null;

  @Field(() => [String])
  scopes: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  connectedAt: Date | null;

  @Field(() => ZoomCapabilities)
  capabilities: ZoomCapabilities;

  @Field(() => String, { nullable: true, description: 'Why the connection needs a reconnect, when it does' })
  lastError: string | null;

  @Field({ description: 'Whether this server can connect Zoom accounts yet' })
  available: boolean;
}
