import { QpsPacer } from './qps-pacer';

function fakeClock() {
  let now = 10_000;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => (now += ms),
  };
}

const qps = (limit: number) => new Headers({ 'x-ratelimit-type': 'QPS', 'x-ratelimit-limit': String(limit) });

describe('QpsPacer', () => {
  it('lets requests through freely until Zoom has announced a limit', async () => {
    const clock = fakeClock();
    const pacer = new QpsPacer(clock.now, clock.sleep);
    for (let i = 0; i < 20; i += 1) await pacer.take('phone:heavy');
    expect(clock.waits).toEqual([]);
  });

  it('holds the request over the limit until the oldest of the last second is a second old', async () => {
    const clock = fakeClock();
    const pacer = new QpsPacer(clock.now, clock.sleep);
    pacer.learn('phone:heavy', qps(3));
    await pacer.take('phone:heavy');
    clock.advance(100);
    await pacer.take('phone:heavy');
    await pacer.take('phone:heavy');
    await pacer.take('phone:heavy');
    expect(clock.waits).toEqual([901]);
    await pacer.take('light');
    expect(clock.waits).toEqual([901]);
  });

  it('ignores daily limits and headers without a usable number', () => {
    const clock = fakeClock();
    const pacer = new QpsPacer(clock.now, clock.sleep);
    pacer.learn('heavy', new Headers({ 'x-ratelimit-type': 'Daily-limit', 'x-ratelimit-limit': '1' }));
    pacer.learn('heavy', new Headers({ 'x-ratelimit-type': 'QPS', 'x-ratelimit-limit': 'lots' }));
    return expect(Promise.all([pacer.take('heavy'), pacer.take('heavy')]).then(() => clock.waits)).resolves.toEqual([]);
  });
});
