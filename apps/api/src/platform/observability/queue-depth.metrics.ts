import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { MetricsRegistry } from './metrics-registry';

/** The states a backlog shows in; completed jobs are trimmed by each queue's removeOnComplete, so not counted. */
const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/**
 * `switchboard_queue_jobs{queue,state}`: BullMQ's job counts of every queue the app registers (found among the
 * app's providers, so a module's new queue is counted without being named here), read from Redis at scrape
 * time, one small MULTI per queue.
 */
@Injectable()
export class QueueDepthMetrics implements OnApplicationBootstrap {
  private queues: Queue[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    metrics: MetricsRegistry,
  ) {
    const counts = metrics.source('bullmq', () => this.readCounts());
    metrics.scrapedGauge(counts, { name: 'switchboard_queue_jobs', help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time', labelNames: ['queue', 'state'] }, (gauge, byQueue) => {
      for (const [queue, jobs] of byQueue) for (const state of STATES) gauge.set({ queue, state }, jobs[state] ?? 0);
    });
  }

  onApplicationBootstrap(): void {
    const queues = this.discovery.getProviders().flatMap((wrapper) => (wrapper.instance instanceof Queue ? [wrapper.instance] : []));
    this.queues = [...new Map(queues.map((queue) => [queue.name, queue])).values()];
  }

  /**
   * Only over a connection that is up: a command sent while Redis is away would wait in ioredis's offline queue,
   * one more for every scrape of the outage.
   */
  private async readCounts(): Promise<Map<string, Record<string, number>>> {
    const byQueue = new Map<string, Record<string, number>>();
    await Promise.all(
      this.queues.map(async (queue) => {
        if ((await queue.client).status !== 'ready') throw new Error(`Redis connection of queue ${queue.name} is not ready`);
        byQueue.set(queue.name, await queue.getJobCounts(...STATES));
      }),
    );
    return byQueue;
  }
}
