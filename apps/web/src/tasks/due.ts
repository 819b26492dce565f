import { dateToZonedInput, relativeTime, zonedInputToDate } from '../format';

/** Where a task sits on the Today view, by its due time in the viewer's own day. */
export type DueSection = 'overdue' | 'today' | 'upcoming' | 'none';

export const VIEWER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes());
}

function atNine(day: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), 9, 0);
}

export function dueSection(dueAt: string | null, now: Date): DueSection {
  if (!dueAt) return 'none';
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  return due < addDays(startOfDay(now), 1) ? 'today' : 'upcoming';
}

const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** The due time as an agent says it: "Overdue · 2 hours ago", "Today 3:00 PM · in 2 hours", "Tomorrow 9:00 AM". */
export function dueWords(dueAt: string | null, now: Date): string {
  if (!dueAt) return 'No due date';
  const due = new Date(dueAt);
  switch (dueSection(dueAt, now)) {
    case 'overdue':
      return `Overdue · due ${relativeTime(dueAt, now.getTime())}`;
    case 'today':
      return `Today ${clock.format(due)} · ${relativeTime(dueAt, now.getTime())}`;
    default:
      return due < addDays(startOfDay(now), 2) ? `Tomorrow ${clock.format(due)}` : dayAndClock.format(due);
  }
}

/** The due time in full, for a tooltip. */
export function dueInFull(dueAt: string): string {
  return full.format(new Date(dueAt));
}

/** Today's end of the working day, or an hour from now once that has passed. */
function laterToday(now: Date): Date {
  const fivePm = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 17, 0);
  if (fivePm.getTime() - now.getTime() >= 60 * 60_000) return fivePm;
  const inAnHour = new Date(now.getTime() + 60 * 60_000);
  inAnHour.setMinutes(Math.ceil(inAnHour.getMinutes() / 15) * 15, 0, 0);
  return inAnHour;
}

/** Monday of next week, 9:00. */
function nextWeek(now: Date): Date {
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return atNine(addDays(now, daysToMonday));
}

export interface DuePick {
  label: string;
  at: (now: Date) => Date;
}

/** The quick picks of the add form. */
export const DUE_PICKS: DuePick[] = [
  { label: 'Today', at: laterToday },
  { label: 'Tomorrow 9:00', at: (now) => atNine(addDays(now, 1)) },
  { label: 'Next week', at: nextWeek },
];

/** The snooze menu's choices. */
export const SNOOZE_PICKS: DuePick[] = [
  { label: '1 hour', at: (now) => new Date(now.getTime() + 60 * 60_000) },
  { label: 'Tomorrow 9:00', at: (now) => atNine(addDays(now, 1)) },
  { label: 'Next week', at: nextWeek },
];

/** A datetime-local input's value for an instant, in the viewer's zone. */
export function toDueInput(date: Date): string {
  return dateToZonedInput(date, VIEWER_TIME_ZONE);
}

/** A datetime-local input's value as an ISO instant; null for an empty input. */
export function fromDueInput(value: string): string | null {
  return value ? zonedInputToDate(value, VIEWER_TIME_ZONE).toISOString() : null;
}
