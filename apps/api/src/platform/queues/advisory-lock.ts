import type { DataSource } from 'typeorm';

/**
 * Runs `work` if no other process holds `lockKey` (a PostgreSQL transaction-level advisory lock), else returns
 * `busy`: many workers may run the same scheduled sweep, and one at a time does it.
 */
export function ifLockFree<T>(dataSource: DataSource, lockKey: number, busy: T, work: () => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [lockKey]);
    return locked ? work() : busy;
  });
}
