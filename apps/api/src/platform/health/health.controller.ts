import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis';

type ProbeResult = { status: 'ok' | 'down'; postgres: string; redis: string; pendingMigrations?: boolean };

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness and readiness that really ask PostgreSQL and Redis. */
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  private async probe(): Promise<ProbeResult> {
    const [postgres, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 1500).then(() => 'up', (error: Error) => `down: ${error.message}`),
      within(this.redis.ping(), 1500).then(() => 'up', (error: Error) => `down: ${error.message}`),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'down', postgres, redis };
  }

  @Get('healthz')
  @HttpCode(200)
  async healthz(): Promise<ProbeResult> {
    const result = await this.probe();
    if (result.status !== 'ok') throw new HttpException(result, HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }

  @Get('readyz')
  @HttpCode(200)
  async readyz(): Promise<ProbeResult> {
    const result = await this.probe();
    if (result.status === 'ok') {
      result.pendingMigrations = await this.dataSource.showMigrations();
      if (result.pendingMigrations) result.status = 'down';
    }
    if (result.status !== 'ok') throw new HttpException(result, HttpStatus.SERVICE_UNAVAILABLE);
    return result;
  }
}
