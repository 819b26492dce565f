import { lastDays, nextZoomDay, percentDone, ResumableListing } from './resumable-listing';

const page = (items: number, nextPageToken: string, window: { from: string; to: string }, totalRecords?: number) => ({
  items: Array.from({ length: items }, (_, index) => index),
  rejected: [],
  nextPageToken,
  totalRecords,
  window,
});

describe('ResumableListing', () => {
  const range = { rangeFrom: '2026-11-01', rangeTo: '2026-12-05', resumeFrom: null, resumePageToken: null, processed: 0, total: null };
  const november = { from: '2026-11-01', to: '2026-11-30' };
  const december = { from: '2026-12-01', to: '2026-12-05' };

  it('saves the page token inside a window and the next day after it, counting each window once', () => {
    const listing = new ResumableListing(range);
    expect(listing.remaining).toEqual({ from: '2026-11-01', to: '2026-12-05', startPageToken: undefined });
    expect(listing.advance(page(30, 'n2', november, 40))).toEqual({ processed: 30, total: 40, resumeFrom: '2026-11-01', resumePageToken: 'n2' });
    expect(listing.advance(page(10, '', november, 40))).toEqual({ processed: 40, total: 40, resumeFrom: '2026-12-01', resumePageToken: null });
    expect(listing.advance(page(5, '', december, 5))).toEqual({ processed: 45, total: 45, resumeFrom: '2026-12-06', resumePageToken: null });
    expect(listing.percent).toBe(100);
  });

  it('resumes at the saved page without counting its window again, and knows when nothing is left', () => {
    const resumed = new ResumableListing({ ...range, resumeFrom: '2026-11-01', resumePageToken: 'n2', processed: 30, total: 40 });
    expect(resumed.remaining).toEqual({ from: '2026-11-01', to: '2026-12-05', startPageToken: 'n2' });
    expect(resumed.advance(page(10, '', november, 40))).toMatchObject({ processed: 40, total: 40 });
    expect(new ResumableListing({ ...range, resumeFrom: '2026-12-06', processed: 45, total: 45 }).remaining).toBeNull();
  });
});

describe('listing days', () => {
  it('names the last days and the day after, in UTC', () => {
    expect(lastDays(30, new Date('2026-03-01T23:30:00-05:00'))).toEqual({ rangeFrom: '2026-02-01', rangeTo: '2026-03-02' });
    expect(nextZoomDay('2026-02-28')).toBe('2026-03-01');
    expect(percentDone(false, 3, 4)).toBe(75);
    expect(percentDone(true, 3, null)).toBe(100);
  });
});
