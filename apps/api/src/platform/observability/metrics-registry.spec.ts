import { MetricsRegistry } from './metrics-registry';

/** A registry with one scrape-time gauge fed by `read`, the gauge's samples and the source's up value per scrape. */
function registryReading(read: () => Promise<number>) {
  const metrics = new MetricsRegistry();
  const source = metrics.source('store', read);
  metrics.scrapedGauge(source, { name: 'switchboard_test_rows', help: 'Rows in the store' }, (gauge, rows) => gauge.set(rows));
  return async () => {
    const text = await metrics.exposition();
    return {
      rows: /^switchboard_test_rows (\S+)$/m.exec(text)?.[1],
      up: /^switchboard_scrape_source_up\{source="store"\} (\S+)$/m.exec(text)?.[1],
    };
  };
}

describe('MetricsRegistry scrape-time readings', () => {
  it('shows a reading, and leaves the gauge out (not stale) once the store fails', async () => {
    let failing = false;
    const scrape = registryReading(async () => {
      if (failing) throw new Error('connection refused');
      return 42;
    });
    expect(await scrape()).toEqual({ rows: '42', up: '1' });
    failing = true;
    expect(await scrape()).toEqual({ rows: undefined, up: '0' });
  });

  it('answers the scrape when the store hangs, and starts no second reading while the first still runs', async () => {
    const read = jest.fn(() => new Promise<number>(() => undefined));
    const scrape = registryReading(read);
    expect(await scrape()).toEqual({ rows: undefined, up: '0' });
    expect(await scrape()).toEqual({ rows: undefined, up: '0' });
    // One reading shared by the gauge and the up gauge, and not repeated by the next scrape.
    expect(read).toHaveBeenCalledTimes(1);
  });
});
