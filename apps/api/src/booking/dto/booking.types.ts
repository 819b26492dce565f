import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BookingStatus } from '../entities/booking.entity';

registerEnumType(BookingStatus, { name: 'BookingStatus' });

@ObjectType({ description: "An agent's public booking page, as a prospect sees it" })
export class BookingPage {
  @Field()
  slug: string;

  @Field()
  agentName: string;

  @Field({ description: 'For the avatar: "DR" for Dana Reyes' })
  agentInitials: string;

  @Field(() => [Int])
  durations: number[];

  @Field({ description: "The agent's time zone" })
  timezone: string;

  @Field()
  requirePhone: boolean;

  @Field({ description: "False while the agent's Zoom is not connected or needs reconnecting: nothing can be booked" })
  available: boolean;

  @Field(() => String, { nullable: true })
  unavailableReason: string | null;

  @Field(() => Int, { nullable: true, description: "40 on a Basic Zoom plan, where longer meetings end at 40 minutes; else null" })
  meetingLimitMinutes: number | null;
}

@ObjectType()
export class Booking {
  @Field(() => ID)
  id: string;

  @Field(() => BookingStatus)
  status: BookingStatus;

  @Field(() => GraphQLISODateTime)
  startTime: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field(() => String, { nullable: true })
  joinUrl: string | null;

  @Field({ description: 'The private token of the manage link; whoever holds it can reschedule or cancel' })
  manageToken: string;

  @Field()
  manageUrl: string;

  @Field()
  agentName: string;

  @Field({ description: "The agent's booking link, where other free times are found (to reschedule)" })
  slug: string;

  @Field({ description: "The prospect's time zone" })
  timezone: string;

  @Field({ description: 'The iCalendar (.ics) text of the booking, for "Add to calendar"' })
  calendarFile: string;
}

@InputType()
export class BookMeetingInput {
  @Field()
  slug: string;

  @Field(() => GraphQLISODateTime)
  startTime: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field({ description: "The prospect's IANA time zone" })
  timezone: string;

  @Field(() => String, { nullable: true, description: 'Left empty by people: a form field hidden from them, filled by bots' })
  website?: string | null;
}
