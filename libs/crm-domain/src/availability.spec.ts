import { type AvailabilityRules, freeSlots, localDay, weeklyHoursProblems } from './availability';

const weekdaysNineToFive = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
const rules: AvailabilityRules = {
  timezone: 'America/New_York',
  weeklyHours: weekdaysNineToFive,
  bufferMinutes: 0,
  minNoticeMinutes: 0,
  maxDaysAhead: 60,
  dailyCap: null,
};
const iso = (slots: Date[]) => slots.map((slot) => slot.toISOString());
const day = (date: string) => ({ from: new Date(`${date}T00:00:00Z`), to: new Date(`${date}T23:59:59Z`) });
const now = new Date('2026-03-01T12:00:00Z');

describe('free booking slots', () => {
  it('offers the weekly hours of the agent in their zone, on the grid of the meeting length', () => {
    const slots = iso(freeSlots(rules, { durationMinutes: 60, ...day('2026-03-06'), now, busy: [] }));
    // Friday 6 March 2026, New York on EST (UTC-5): 09:00 is 14:00Z; the last hour starts at 16:00 local.
    expect(slots).toEqual(['14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00'].map((time) => `2026-03-06T${time}:00.000Z`));
  });

  it('follows the wall clock across daylight-saving changes', () => {
    // Monday 9 March 2026: New York is on EDT (UTC-4) since Sunday, so 09:00 local is 13:00Z.
    const afterSpring = freeSlots(rules, { durationMinutes: 30, ...day('2026-03-09'), now, busy: [] });
    expect(afterSpring[0].toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(afterSpring).toHaveLength(16);
    // Monday 2 November 2026: back on EST, 09:00 local is 14:00Z again.
    const afterFall = freeSlots(rules, { durationMinutes: 30, ...day('2026-11-02'), now: new Date('2026-10-30T12:00:00Z'), busy: [] });
    expect(afterFall[0].toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('counts real hours inside a range that a daylight-saving change shortens', () => {
    const sundays = { ...rules, weeklyHours: [{ weekday: 7, start: '00:00', end: '06:00' }] };
    // 8 March 2026 02:00 does not happen in New York: the night has five hours, not six.
    const slots = freeSlots(sundays, { durationMinutes: 60, ...day('2026-03-08'), to: new Date('2026-03-08T12:00:00Z'), now, busy: [] });
    expect(slots).toHaveLength(5);
    expect(slots[0].toISOString()).toBe('2026-03-08T05:00:00.000Z');
    // 1 November 2026 repeats 01:00-02:00: that night has seven hours.
    const fallBack = freeSlots(sundays, { durationMinutes: 60, from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-01T12:00:00Z'), now: new Date('2026-10-30T12:00:00Z'), busy: [] });
    expect(fallBack).toHaveLength(7);
    expect(fallBack[0].toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('leaves out meetings widened by the buffer, the minimum notice and days past the horizon', () => {
    const busy = [{ start: new Date('2026-03-06T15:00:00Z'), end: new Date('2026-03-06T15:30:00Z') }];
    const withBuffer = { ...rules, bufferMinutes: 15 };
    const slots = iso(freeSlots(withBuffer, { durationMinutes: 30, ...day('2026-03-06'), now, busy }));
    expect(slots).not.toContain('2026-03-06T14:30:00.000Z');
    expect(slots).not.toContain('2026-03-06T15:00:00.000Z');
    expect(slots).not.toContain('2026-03-06T15:30:00.000Z');
    expect(slots).toContain('2026-03-06T14:00:00.000Z');
    expect(slots).toContain('2026-03-06T16:00:00.000Z');

    const noticeNow = new Date('2026-03-06T14:10:00Z');
    const withNotice = freeSlots({ ...rules, minNoticeMinutes: 120 }, { durationMinutes: 60, ...day('2026-03-06'), now: noticeNow, busy: [] });
    expect(withNotice[0].toISOString()).toBe('2026-03-06T17:00:00.000Z');

    const horizon = freeSlots({ ...rules, maxDaysAhead: 3 }, { durationMinutes: 60, from: now, to: new Date('2026-03-20T00:00:00Z'), now, busy: [] });
    expect(localDay(horizon[horizon.length - 1], rules.timezone)).toBe('2026-03-04');
  });

  it('offers nothing on a day that reached its cap', () => {
    const capped = { ...rules, dailyCap: 2 };
    const full = freeSlots(capped, { durationMinutes: 60, ...day('2026-03-06'), now, busy: [], bookingsPerDay: new Map([['2026-03-06', 2]]) });
    expect(full).toEqual([]);
    const open = freeSlots(capped, { durationMinutes: 60, ...day('2026-03-06'), now, busy: [], bookingsPerDay: new Map([['2026-03-06', 1]]) });
    expect(open).toHaveLength(8);
  });

  it('answers nothing for a window in the past', () => {
    expect(freeSlots(rules, { durationMinutes: 30, ...day('2026-02-27'), now, busy: [] })).toEqual([]);
  });

  it('names each problem of a set of weekly hours', () => {
    expect(weeklyHoursProblems(weekdaysNineToFive)).toEqual([]);
    expect(weeklyHoursProblems([{ weekday: 8, start: '09:00', end: '17:00' }])).toEqual(['weekday 8 is not 1 (Monday) to 7 (Sunday)']);
    expect(weeklyHoursProblems([{ weekday: 1, start: '9am', end: '17:00' }])).toEqual(['9am-17:00 is not HH:mm-HH:mm (00:00 to 24:00)']);
    expect(weeklyHoursProblems([{ weekday: 1, start: '17:00', end: '09:00' }])).toEqual(['17:00-09:00 ends before it starts']);
    expect(
      weeklyHoursProblems([
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '13:00' },
      ]),
    ).toEqual(['11:00-13:00 overlaps 09:00-12:00 on weekday 2']);
    expect(weeklyHoursProblems([{ weekday: 3, start: '20:00', end: '24:00' }])).toEqual([]);
  });
});
