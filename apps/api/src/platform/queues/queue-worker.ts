import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { redisOutage } from '../redis/redis-outage';

/**
 * What every BullMQ processor here does besides its own job: it waits for its connections before the app counts as
 * started (a worker closed while they are still opening emits errors after its listeners are gone), it hears its
 * connection errors (unheard, one would crash the process while Redis restarts; logged once per outage, see
 * RedisOutage), and it refuses a job it has no handler for.
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
    // Its two connections: 'ready' on the worker is its blocking one's.
    this.worker.on('ready', () => redisOutage.recovered(this.worker));
    (await this.worker.client).on('ready', () => redisOutage.recovered(this.worker));
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    redisOutage.heard(this.worker, `worker ${this.queueName}`, error, () => this.logger.warn({ queue: this.queueName, err: error.message }, 'queue worker error'));
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

/** The producer side of the same rule: a queue's connection errors are logged (once per outage), never left to crash the process. */
export function logQueueErrors(queue: Queue, logger: Logger): void {
  queue.on('error', (error) => redisOutage.heard(queue, `queue ${queue.name}`, error, () => logger.warn({ queue: queue.name, err: error.message }, 'queue error')));
  queue.client.then(
    (client) => client.on('ready', () => redisOutage.recovered(queue)),
    () => undefined,
  );
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
 * How soon the jobs a killed worker held run again. A job's lock lasts `lockDuration` from its worker's last renewal
 * (every `lockRenewTime`, by default half the lock); every `stalledInterval` each worker's stalled check marks the
 * running jobs, and moves back to waiting those marked the time before whose lock has gone. A held job therefore
 * runs again a lock and one or two intervals after its worker died: 30 to 90 s with BullMQ's defaults (30 s and 30
 * s), time in which a backlog of Zoom events sat still. The lock can only be short if it outlives, above its
 * renewal, the longest pause a live worker may take (its event loop busy, a slow Redis reply): otherwise a second
 * worker runs a job the first is still running. So each queue's figures follow what its jobs do.
 */

/**
 * Zoom events and summary fetches: a few database statements and Zoom requests, milliseconds of the event loop at a
 * time. Renewed every second, a 5 s lock survives a 4 s pause; a held job runs again within about 9 s.
 */
export const QUICK_JOB_LOCKS = { lockDuration: 5_000, lockRenewTime: 1_000, stalledInterval: 2_000 } as const;

/**
 * Voicemail transcription: downloads the audio and waits tens of seconds on the transcription API, which is paid
 * per call, so a wider margin against transcribing one voicemail twice: renewed every 3 s, a 15 s lock survives a
 * 12 s pause; a held job runs again within about 25 s.
 */
export const PAID_CALL_JOB_LOCKS = { lockDuration: 15_000, lockRenewTime: 3_000, stalledInterval: 5_000 } as const;

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
