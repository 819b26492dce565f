import { Args, Context, GraphQLISODateTime, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { clientAddress, CurrentPrincipal, type GraphQLContext, type Principal, Public } from '../auth';
import { BookingSettingsService } from './booking-settings.service';
import { BookingService } from './booking.service';
import { BookingSettings, BookingSettingsInput } from './dto/booking-settings.types';
import { Booking, BookingPage, BookMeetingInput } from './dto/booking.types';

/** The agent's booking settings, and the public booking page's API (no sign-in; rate limited per address and link). */
@Resolver()
export class BookingResolver {
  constructor(
    private readonly settings: BookingSettingsService,
    private readonly bookings: BookingService,
  ) {}

  @Query(() => BookingSettings, { description: 'Your public booking link and availability rules (defaults until first saved)' })
  bookingSettings(@CurrentPrincipal() principal: Principal): Promise<BookingSettings> {
    return this.settings.forAgent(principal);
  }

  @Mutation(() => BookingSettings)
  updateBookingSettings(@CurrentPrincipal() principal: Principal, @Args('input') input: BookingSettingsInput): Promise<BookingSettings> {
    return this.settings.update(principal, input);
  }

  @Public()
  @Query(() => BookingPage, { nullable: true, description: 'An agent’s booking page; null when the link is off or unknown' })
  bookingPage(@Args('slug') slug: string): Promise<BookingPage | null> {
    return this.bookings.page(slug);
  }

  @Public()
  @Query(() => [GraphQLISODateTime], { description: 'Free start instants (UTC) in [from, to) for a meeting of that length' })
  bookingSlots(
    @Args('slug') slug: string,
    @Args('durationMinutes', { type: () => Int }) durationMinutes: number,
    @Args('from', { type: () => GraphQLISODateTime }) from: Date,
    @Args('to', { type: () => GraphQLISODateTime }) to: Date,
    @Context() context: GraphQLContext,
  ): Promise<Date[]> {
    return this.bookings.slots(slug, durationMinutes, from, to, clientAddress(context));
  }

  @Public()
  @Mutation(() => Booking, { description: "Books a free slot: a Zoom meeting on the agent's account, the MEETING activity, the invites" })
  bookMeeting(@Args('input') input: BookMeetingInput, @Context() context: GraphQLContext): Promise<Booking> {
    return this.bookings.book(input, clientAddress(context));
  }

  @Public()
  @Query(() => Booking, { nullable: true, description: 'A booking by its manage token; null for a wrong token' })
  booking(@Args('token') token: string): Promise<Booking | null> {
    return this.bookings.get(token);
  }

  @Public()
  @Mutation(() => Booking)
  rescheduleBooking(
    @Args('token') token: string,
    @Args('startTime', { type: () => GraphQLISODateTime }) startTime: Date,
    @Context() context: GraphQLContext,
  ): Promise<Booking> {
    return this.bookings.reschedule(token, startTime, clientAddress(context));
  }

  @Public()
  @Mutation(() => Booking)
  cancelBooking(@Args('token') token: string, @Context() context: GraphQLContext): Promise<Booking> {
    return this.bookings.cancel(token, clientAddress(context));
  }
}
