import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, type CounterConfiguration, Gauge, Histogram, type HistogramConfiguration, Registry } from 'prom-client';

/** How long a scrape waits for a reading of PostgreSQL or Redis; Prometheus's own scrape timeout is 10 s by default. */
const READING_TIMEOUT_MS = 2000;

type MetricDefinition<Label extends string> = { name: string; help: string; labelNames?: readonly Label[] };

/**
 * State outside this process (a PostgreSQL count, BullMQ's job counts in Redis), read when Prometheus scrapes and
 * shared by the gauges that show it. One reading at a time: a scrape that comes while the last reading is still
 * running waits for that one instead of starting another, so a store that hangs holds one connection, never one
 * per scrape. A reading that fails or takes longer than READING_TIMEOUT_MS leaves its gauges out of that scrape.
 */
export class ScrapeSource<Reading> {
  private running: Promise<Reading> | null = null;
  /** Whether the last scrape got a reading, shown as switchboard_scrape_source_up. */
  answered = false;

  constructor(
    readonly name: string,
    private readonly readState: () => Promise<Reading>,
  ) {}

  /** The reading, or undefined when the store did not answer in time. Never rejects. */
  async read(): Promise<Reading | undefined> {
    this.running ??= this.readState().finally(() => (this.running = null));
    let timer: NodeJS.Timeout | undefined;
    const givenUp = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), READING_TIMEOUT_MS)));
    const reading = await Promise.race([this.running.then((value) => ({ value }), () => undefined), givenUp]).finally(() => clearTimeout(timer));
    this.answered = reading !== undefined;
    return reading?.value;
  }
}

/**
 * This app's Prometheus metrics: prom-client's default process metrics (CPU, memory, event-loop lag, GC; their
 * usual names, so standard Node.js dashboards read them) and the `switchboard_*` metrics the modules define here.
 * One registry per app rather than prom-client's global one, so that several apps in one process (the tests)
 * never share or clash over a metric.
 */
@Injectable()
export class MetricsRegistry {
  private readonly registry = new Registry();
  private readonly sources: Array<ScrapeSource<unknown>> = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const sources = this.sources;
    new Gauge({
      name: 'switchboard_scrape_source_up',
      help: `Whether this scrape read the source (1) or gave up on it (0: PostgreSQL or Redis failed or took over ${READING_TIMEOUT_MS / 1000} s, and the gauges it feeds are missing)`,
      labelNames: ['source'],
      registers: [this.registry],
      async collect() {
        await Promise.all(sources.map((source) => source.read()));
        for (const source of sources) this.set({ source: source.name }, source.answered ? 1 : 0);
      },
    });
  }

  counter<Label extends string>(definition: CounterConfiguration<Label>): Counter<Label> {
    return new Counter({ ...definition, registers: [this.registry] });
  }

  histogram<Label extends string>(definition: HistogramConfiguration<Label>): Histogram<Label> {
    return new Histogram({ ...definition, registers: [this.registry] });
  }

  /** A source of scrape-time readings for `scrapedGauge`, named in switchboard_scrape_source_up. */
  source<Reading>(name: string, readState: () => Promise<Reading>): ScrapeSource<Reading> {
    const source = new ScrapeSource(name, readState);
    this.sources.push(source as ScrapeSource<unknown>);
    return source;
  }

  /** A gauge set from `source` on every scrape: `show` sets its series from the reading; no series without one. */
  scrapedGauge<Reading, Label extends string>(source: ScrapeSource<Reading>, definition: MetricDefinition<Label>, show: (gauge: Gauge<Label>, reading: Reading) => void): Gauge<Label> {
    return new Gauge<Label>({
      ...definition,
      registers: [this.registry],
      async collect() {
        const reading = await source.read();
        this.reset();
        // reset() leaves a gauge without labels at 0, which would read as a real 0 (no backlog, no failures).
        if (reading === undefined) this.remove();
        else show(this, reading);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format; every reading above is bounded in time and never throws. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
