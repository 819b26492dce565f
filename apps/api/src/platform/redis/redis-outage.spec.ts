import { EventEmitter } from 'node:events';
import { isRedisUnreachable, RedisOutage } from './redis-outage';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('RedisOutage', () => {
  const setup = () => {
    const lines: Array<['warn' | 'log', string]> = [];
    const outage = new RedisOutage({ warn: (message: string) => lines.push(['warn', message]), log: (message: string) => lines.push(['log', message]) });
    return { outage, lines };
  };

  it('logs one warning however many connections fail however often, and one line when all are back', () => {
    const { outage, lines } = setup();
    const commands = new EventEmitter();
    const subscriber = new EventEmitter();
    outage.watch(commands, 'commands');
    outage.watch(subscriber, 'live events subscriber');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      commands.emit('error', refused());
      subscriber.emit('error', refused());
    }
    outage.dropped('activity.added');
    commands.emit('ready');
    expect(outage.inProgress).toBe(true);
    subscriber.emit('ready');
    expect(outage.inProgress).toBe(false);
    expect(lines.map(([level]) => level)).toEqual(['warn', 'log']);
    expect(lines[0][1]).toMatch(/^Redis is unreachable \(commands: connect ECONNREFUSED/);
    expect(lines[1][1]).toMatch(/^Redis is reachable again after [\d.]+ s; 1 live events could not be delivered meanwhile$/);

    commands.emit('error', refused());
    expect(lines.filter(([level]) => level === 'warn')).toHaveLength(2);
  });

  it('logs each error that is not about reaching Redis, and a dropped event no outage explains', () => {
    const { outage, lines } = setup();
    const queue = new EventEmitter();
    outage.watch(queue, 'queue zoom-webhooks');
    queue.emit('error', new Error('could not renew lock for job 42'));
    queue.emit('error', new Error('could not renew lock for job 43'));
    outage.dropped('activity.added', new Error('ERR something odd'));
    expect(outage.inProgress).toBe(false);
    expect(lines).toEqual([
      ['warn', 'Redis queue zoom-webhooks: could not renew lock for job 42'],
      ['warn', 'Redis queue zoom-webhooks: could not renew lock for job 43'],
      ['warn', 'Could not publish the live event activity.added (ERR something odd); the change it announces is stored'],
    ]);
  });

  it('tells connection failures from refused commands', () => {
    expect(isRedisUnreachable(refused())).toBe(true);
    expect(isRedisUnreachable(new Error('Connection is closed.'))).toBe(true);
    expect(isRedisUnreachable(Object.assign(new Error('Reached the max retries per request limit (which is 2).'), { name: 'MaxRetriesPerRequestError' }))).toBe(true);
    expect(isRedisUnreachable(new Error('Command timed out'))).toBe(true);
    expect(isRedisUnreachable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(false);
  });
});
