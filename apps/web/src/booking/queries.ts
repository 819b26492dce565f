import { gql } from '@apollo/client';

/** Public booking links: the agent's Settings > Booking, and the prospect's /book pages (no sign-in). */
export interface WeeklyHours {
  /** 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** "HH:mm" in the agent's time zone; `end` may be "24:00". */
  start: string;
  end: string;
}
export interface BookingSettings {
  enabled: boolean;
  slug: string;
  url: string;
  timezone: string;
  durations: number[];
  bufferMinutes: number;
  minNoticeMinutes: number;
  maxDaysAhead: number;
  dailyCap: number | null;
  requirePhone: boolean;
  weeklyHours: WeeklyHours[];
}
export type BookingSettingsInput = Partial<BookingSettings>;

export interface BookingPage {
  slug: string;
  agentName: string;
  agentInitials: string;
  durations: number[];
  timezone: string;
  requirePhone: boolean;
  available: boolean;
  unavailableReason: string | null;
  /** 40 on a Basic Zoom plan, where longer meetings end at 40 minutes. */
  meetingLimitMinutes: number | null;
}
export interface Booking {
  id: string;
  status: 'CONFIRMED' | 'CANCELLED';
  startTime: string;
  durationMinutes: number;
  joinUrl: string | null;
  manageToken: string;
  manageUrl: string;
  agentName: string;
  /** The prospect's time zone. */
  timezone: string;
  /** The .ics text, for "Add to calendar". */
  calendarFile: string;
}
/** A booking as its manage page reads it: with the agent's link, where another free time is found. */
export interface ManagedBooking extends Booking {
  slug: string;
}
export interface BookMeetingInput {
  slug: string;
  startTime: string;
  durationMinutes: number;
  name: string;
  email: string;
  phone: string | null;
  note: string | null;
  timezone: string;
  /** The honeypot: empty from a person. */
  website: string | null;
}

const BOOKING_SETTINGS_FIELDS = gql`
  fragment BookingSettingsFields on BookingSettings {
    enabled
    slug
    url
    timezone
    durations
    bufferMinutes
    minNoticeMinutes
    maxDaysAhead
    dailyCap
    requirePhone
    weeklyHours {
      weekday
      start
      end
    }
  }
`;

export const BOOKING_SETTINGS = gql`
  ${BOOKING_SETTINGS_FIELDS}
  query BookingSettings {
    bookingSettings {
      ...BookingSettingsFields
    }
  }
`;

export const UPDATE_BOOKING_SETTINGS = gql`
  ${BOOKING_SETTINGS_FIELDS}
  mutation UpdateBookingSettings($input: BookingSettingsInput!) {
    updateBookingSettings(input: $input) {
      ...BookingSettingsFields
    }
  }
`;

export const BOOKING_PAGE = gql`
  query BookingPage($slug: String!) {
    bookingPage(slug: $slug) {
      slug
      agentName
      agentInitials
      durations
      timezone
      requirePhone
      available
      unavailableReason
      meetingLimitMinutes
    }
  }
`;

export const BOOKING_SLOTS = gql`
  query BookingSlots($slug: String!, $durationMinutes: Int!, $from: DateTime!, $to: DateTime!) {
    bookingSlots(slug: $slug, durationMinutes: $durationMinutes, from: $from, to: $to)
  }
`;

const BOOKING_FIELDS = gql`
  fragment BookingFields on Booking {
    id
    status
    startTime
    durationMinutes
    joinUrl
    manageToken
    manageUrl
    agentName
    timezone
    calendarFile
  }
`;

export const BOOKING = gql`
  ${BOOKING_FIELDS}
  query Booking($token: String!) {
    booking(token: $token) {
      ...BookingFields
      slug
    }
  }
`;

export const BOOK_MEETING = gql`
  ${BOOKING_FIELDS}
  mutation BookMeeting($input: BookMeetingInput!) {
    bookMeeting(input: $input) {
      ...BookingFields
    }
  }
`;

export const RESCHEDULE_BOOKING = gql`
  ${BOOKING_FIELDS}
  mutation RescheduleBooking($token: String!, $startTime: DateTime!) {
    rescheduleBooking(token: $token, startTime: $startTime) {
      ...BookingFields
    }
  }
`;

export const CANCEL_BOOKING = gql`
  ${BOOKING_FIELDS}
  mutation CancelBooking($token: String!) {
    cancelBooking(token: $token) {
      ...BookingFields
    }
  }
`;
