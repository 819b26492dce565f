import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('WeeklyHours', { description: "A range of working hours on a weekday, wall-clock in the agent's time zone" })
export class WeeklyHours {
  @Field(() => Int, { description: '1 = Monday .. 7 = Sunday' })
  weekday: number;

  @Field({ description: '"HH:mm"' })
  start: string;

  @Field({ description: '"HH:mm"; "24:00" is the end of the day' })
  end: string;
}

@InputType()
export class WeeklyHoursInput {
  @Field(() => Int)
  weekday: number;

  @Field()
  start: string;

  @Field()
  end: string;
}

@ObjectType()
export class BookingSettings {
  @Field()
  enabled: boolean;

  @Field({ description: 'The link is PUBLIC_URL/book/<slug>' })
  slug: string;

  @Field({ description: 'The public link, whole' })
  url: string;

  @Field({ description: "The agent's IANA time zone: weekly hours are in it" })
  timezone: string;

  @Field(() => [Int], { description: 'Meeting lengths offered, in minutes' })
  durations: number[];

  @Field(() => Int, { description: 'Kept free before and after every meeting' })
  bufferMinutes: number;

  @Field(() => Int)
  minNoticeMinutes: number;

  @Field(() => Int)
  maxDaysAhead: number;

  @Field(() => Int, { nullable: true, description: 'Bookings per day at most; null: no cap' })
  dailyCap: number | null;

  @Field({ description: 'Whether the booking form asks for a phone number as required' })
  requirePhone: boolean;

  @Field(() => [WeeklyHours])
  weeklyHours: WeeklyHours[];
}

@InputType({ description: 'Only the fields given change' })
export class BookingSettingsInput {
  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => [Int], { nullable: true })
  durations?: number[] | null;

  @Field(() => Int, { nullable: true })
  bufferMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  minNoticeMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  maxDaysAhead?: number | null;

  @Field(() => Int, { nullable: true, description: 'null: no cap' })
  dailyCap?: number | null;

  @Field(() => Boolean, { nullable: true })
  requirePhone?: boolean | null;

  @Field(() => [WeeklyHoursInput], { nullable: true })
  weeklyHours?: WeeklyHoursInput[] | null;
}
