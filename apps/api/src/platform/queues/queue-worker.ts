import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';

/**
 * What every BullMQ processor here does besides its own job: it waits for its connections before the app counts as
 * started (a worker closed while they are still opening emits errors after its listeners are gone), it hears its
 * connection errors (unheard, one would crash the process while Redis restarts), and it refuses a job it has no
 * handler for.
 */
export abstract class QueueWorker<Data> extends WorkerHost implements OnApplicationBootstrap {
  protected constructor(
    private readonly queueName: string,
    private readonly jobName: string,
    protected readonly logger: Logger,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn({ queue: this.queueName, err: error.message }, 'queue worker connection error');
  }

  async process(job: Job<Data>): Promise<string> {
    if (job.name !== this.jobName) throw new Error(`No handler for job "${job.name}" on ${this.queueName}`);
    return this.handle(job);
  }

  protected abstract handle(job: Job<Data>): Promise<string>;
}

/** 1 for the first try. */
export const attemptOf = (job: Job) => job.attemptsMade + 1;

/** After this attempt BullMQ gives up: the place to park the work as failed, with its error. */
export const isLastAttempt = (job: Job) => attemptOf(job) >= (job.opts.attempts ?? 1);

/** The producer side of the same rule: a queue's connection errors are logged, never left to crash the process. */
export function logQueueErrors(queue: Queue, logger: Logger): void {
  queue.on('error', (error) => logger.warn({ queue: queue.name, err: error.message }, 'queue connection error'));
}

/**
 * Makes room to queue `jobId` again: false while a job with that id is still waiting or running (BullMQ would
 * ignore the new one anyway), true once a finished one is removed or there is none.
 */
export async function clearFinishedJob(queue: Queue, jobId: string): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (!job) return true;
  const state = await job.getState();
  if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
  await job.remove();
  return true;
}

/**
 * The worker side of a resumable run: a run whose worker was killed is found stalled and taken over by another
 * worker within seconds (it resumes from its saved progress), two runs at a time.
 */
export const RESUMABLE_RUN_WORKER = { concurrency: 2, lockDuration: 10_000, stalledInterval: 5_000 } as const;

/** A long run that saves its progress (a backfill): each retry resumes where the attempt before it stopped. */
const RESUMABLE_RUN_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: 100, removeOnFail: 100 } as const satisfies JobsOptions;

/**
 * Queues a run under its id unless one with that id is still waiting or running (that one will do). Redis being
 * away is logged, not thrown: the run's row stays queued and its lost-run check queues it again.
 */
export async function queueRun(queue: Queue, name: string, jobId: string, data: object, logger: Logger): Promise<void> {
  if (!(await clearFinishedJob(queue, jobId).catch(() => true))) return;
  await queue
    .add(name, data, { ...RESUMABLE_RUN_OPTIONS, jobId })
    .catch((error: Error) => logger.warn({ queue: queue.name, err: error.message }, 'Could not queue a run; the lost-run check will'));
}
