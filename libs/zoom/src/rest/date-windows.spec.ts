import { splitIntoMonthWindows, toZoomDate } from './date-windows';

describe('splitIntoMonthWindows', () => {
  it('keeps a range within one month as a single window', () => {
    expect(splitIntoMonthWindows('2026-11-01', '2026-11-24')).toEqual([{ from: '2026-11-01', to: '2026-11-24' }]);
    expect(splitIntoMonthWindows('2026-11-24', '2026-11-24')).toEqual([{ from: '2026-11-24', to: '2026-11-24' }]);
  });

  it('splits a longer range into consecutive, non-overlapping windows of at most a month', () => {
    expect(splitIntoMonthWindows('2026-05-15', '2026-08-02')).toEqual([
      { from: '2026-05-15', to: '2026-06-14' },
      { from: '2026-06-15', to: '2026-07-14' },
      { from: '2026-07-15', to: '2026-08-02' },
    ]);
  });

  it('clamps month ends (Jan 31 + one month is Feb 28)', () => {
    expect(splitIntoMonthWindows('2026-01-31', '2026-03-31')).toEqual([
      { from: '2026-01-31', to: '2026-02-27' },
      { from: '2026-02-28', to: '2026-03-27' },
      { from: '2026-03-28', to: '2026-03-31' },
    ]);
  });

  it('covers six months of call history without gaps', () => {
    const windows = splitIntoMonthWindows(new Date('2026-05-24T18:00:00Z'), new Date('2026-11-24T09:00:00Z'));
    expect(windows[0].from).toBe('2026-05-24');
    expect(windows[windows.length - 1].to).toBe('2026-11-24');
    for (let i = 1; i < windows.length; i++) {
      const previousEnd = Date.parse(`${windows[i - 1].to}T00:00:00Z`);
      expect(Date.parse(`${windows[i].from}T00:00:00Z`) - previousEnd).toBe(86_400_000);
    }
  });

  it('rejects a reversed or unparsable range', () => {
    expect(() => splitIntoMonthWindows('2026-11-24', '2026-11-01')).toThrow(expect.objectContaining({ kind: 'bad_request' }));
    expect(() => toZoomDate('last tuesday')).toThrow(expect.objectContaining({ kind: 'bad_request' }));
  });
});
