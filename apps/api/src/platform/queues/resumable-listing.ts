import type { ZoomPage } from '@switchboard/zoom';

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, as Zoom's date-ranged lists take `from` and `to` (yyyy-mm-dd). */
export const zoomDay = (instant: Date) => instant.toISOString().slice(0, 10);

/** The day after a yyyy-mm-dd day. */
export const nextZoomDay = (day: string) => zoomDay(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));

/** The `days` calendar days (UTC) that end with `now`'s, as a listing's range. */
export const lastDays = (days: number, now: Date) => ({ rangeFrom: zoomDay(new Date(now.getTime() - (days - 1) * DAY_MS)), rangeTo: zoomDay(now) });

/** 0-100 for a progress bar; a finished run is 100 whatever Zoom counted. */
export const percentDone = (done: boolean, processed: number, total: number | null) => (done ? 100 : total ? Math.min(100, Math.floor((processed / total) * 100)) : 0);

/** What a run over a Zoom date-ranged list saves of its listing, to resume from after a crash. */
export interface ListingProgress {
  rangeFrom: string;
  rangeTo: string;
  /** The window of the last page handled (with its next page's token), or the first day not yet listed. */
  resumeFrom: string | null;
  resumePageToken: string | null;
  processed: number;
  total: number | null;
}

/**
 * A run's place in a date-ranged Zoom list (call history, cloud recordings) that is read a page at a time and
 * resumed after a crash: where the listing starts again, and after each page the counts and the resume point to
 * save. Zoom gives each month window's count on its pages, so the total grows as windows are reached.
 */
export class ResumableListing {
  private processedSoFar: number;
  private totalSoFar: number;
  private readonly countedWindows: Set<string>;

  constructor(private readonly saved: ListingProgress) {
    this.processedSoFar = saved.processed;
    this.totalSoFar = saved.total ?? 0;
    // A run resumed inside a window has already counted that window.
    this.countedWindows = new Set(saved.resumePageToken && saved.resumeFrom ? [saved.resumeFrom] : []);
  }

  get processed(): number {
    return this.processedSoFar;
  }

  /** The listing's options from where the run stopped; null when its last page was saved (nothing is left to list). */
  get remaining(): { from: string; to: string; startPageToken?: string } | null {
    const from = this.saved.resumeFrom ?? this.saved.rangeFrom;
    if (from > this.saved.rangeTo) return null;
    return { from, to: this.saved.rangeTo, startPageToken: this.saved.resumePageToken ?? undefined };
  }

  /** Counts a handled page (its malformed items too) and gives what to save, so that a resumed run starts after it. */
  advance(page: Pick<ZoomPage<unknown>, 'items' | 'rejected' | 'nextPageToken' | 'totalRecords' | 'window'>): Pick<ListingProgress, 'processed' | 'total' | 'resumeFrom' | 'resumePageToken'> {
    this.processedSoFar += page.items.length + page.rejected.length;
    const window = page.window!;
    if (!this.countedWindows.has(window.from)) {
      this.countedWindows.add(window.from);
      this.totalSoFar += page.totalRecords ?? page.items.length;
    }
    return {
      processed: this.processedSoFar,
      total: Math.max(this.totalSoFar, this.processedSoFar),
      resumeFrom: page.nextPageToken ? window.from : nextZoomDay(window.to),
      resumePageToken: page.nextPageToken || null,
    };
  }

  /** For BullMQ's job progress. */
  get percent(): number {
    return this.totalSoFar ? Math.min(100, Math.round((this.processedSoFar / this.totalSoFar) * 100)) : 0;
  }
}
