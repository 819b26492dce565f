const WINDOW_MS = 1000;

/**
 * Keeps one client under the per-second limit Zoom announces for each rate-limit category (`X-RateLimit-Type:
 * QPS` with `X-RateLimit-Limit` on its answers): once a category's limit is known, a request waits until fewer
 * than that many were sent in the last second. A 429 costs a full Retry-After; waiting a few milliseconds does
 * not. Other processes share the account's quota, so the 429 handling stays as the backstop.
 */
export class QpsPacer {
  private readonly limits = new Map<string, number>();
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when a request in `category` may go, and counts it as sent. */
  async take(category: string): Promise<void> {
    const times = this.sent.get(category) ?? [];
    this.sent.set(category, times);
    for (;;) {
      const now = this.now();
      while (times.length > 0 && times[0] <= now - WINDOW_MS) times.shift();
      const limit = this.limits.get(category);
      if (!limit || times.length < limit) {
        times.push(now);
        return;
      }
      await this.sleep(times[0] + WINDOW_MS - now + 1);
    }
  }

  /** Reads the limit from an answer's headers. */
  learn(category: string, headers: Headers): void {
    if (headers.get('x-ratelimit-type') !== 'QPS') return;
    const limit = Number(headers.get('x-ratelimit-limit'));
    if (Number.isInteger(limit) && limit > 0) this.limits.set(category, limit);
  }
}
