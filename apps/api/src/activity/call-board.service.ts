import { Injectable } from '@nestjs/common';
import { LiveEventsService } from '../platform/redis/live-events.service';
import type { CallProgress, LiveCall } from './dto/live-call.model';
import { type CallBoardChange, LiveCallRepository } from './live-call.repository';

export type { CallBoardChange } from './live-call.repository';

/** A call whose end event never came leaves the board after this long, rather than ringing forever. */
const STALE_AFTER = '4 hours';
/** Rows stay this long after their last change, so a late event cannot bring an ended call back. */
const FORGET_AFTER = '1 day';
const PROGRESS_ORDER: CallProgress[] = ['RINGING', 'CONNECTED', 'ENDED'];

/**
 * The live call board. Its state is in PostgreSQL, not in a process, so any api process (or one restarted
 * mid-call) shows the same board; a call only ever moves forward (ringing, connected, ended), so Zoom's events may
 * arrive late, twice or out of order.
 */
@Injectable()
export class CallBoardService {
  constructor(
    private readonly liveCalls: LiveCallRepository,
    private readonly liveEvents: LiveEventsService,
  ) {}

  async apply(change: CallBoardChange): Promise<boolean> {
    if (!(await this.liveCalls.advance(change, PROGRESS_ORDER))) return false;
    await this.liveEvents.publish(this.channel(change.organisationId), {});
    if (change.progress === 'ENDED') await this.liveCalls.deleteUnchangedFor(change.organisationId, FORGET_AFTER);
    return true;
  }

  board(organisationId: string): Promise<LiveCall[]> {
    return this.liveCalls.inProgress(organisationId, STALE_AFTER);
  }

  /** The board now, then again after every change: what a `callBoard` subscriber receives. */
  updates(organisationId: string): AsyncIterableIterator<{ callBoard: LiveCall[] }> {
    const changes = this.liveEvents.iterator<object>([this.channel(organisationId)]);
    let started = false;
    const snapshot = async () => ({ value: { callBoard: await this.board(organisationId) }, done: false as const });
    const iterator: AsyncIterableIterator<{ callBoard: LiveCall[] }> = {
      next: async () => {
        if (!started) {
          started = true;
          return snapshot();
        }
        const change = await changes.next();
        return change.done ? { value: undefined, done: true } : snapshot();
      },
      return: async () => (await changes.return?.(), { value: undefined, done: true }),
      throw: async (error: unknown) => (await changes.return?.(), Promise.reject(error)),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private channel(organisationId: string): string {
    return `callboard.${organisationId}`;
  }
}
