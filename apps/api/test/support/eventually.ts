import { inspect } from 'node:util';

/**
 * Reads until `done` holds and returns that value; when `timeoutMs` passes first it throws, showing the last value
 * read, so a condition that never comes true fails the test instead of letting it go on.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`eventually: the condition did not hold within ${timeoutMs} ms; last value read: ${inspect(value, { depth: 4, breakLength: 120 })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
