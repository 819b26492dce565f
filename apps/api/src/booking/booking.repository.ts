import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { BusyInterval } from '@switchboard/crm-domain';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { BookingEntity, BookingStatus } from './entities/booking.entity';

export type Reservation = { outcome: 'reserved'; booking: BookingEntity } | { outcome: 'taken' | 'day_full' };

export interface SlotClaim {
  agentUserId: string;
  startTime: Date;
  endTime: Date;
  agentDay: string;
  bufferMinutes: number;
  dailyCap: number | null;
}

/** Bookings' SQL. Every write of a slot runs under the agent's advisory lock, so no two can take one slot. */
@Injectable()
export class BookingRepository {
  constructor(
    @InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Writes `booking` (a new one, or one moved to a new slot) if its slot, widened by the buffer, meets no other
   * confirmed booking of the agent and the day is under its cap. The check and the write happen under a lock on the
   * agent: a second prospect for the same slot waits, then finds it taken.
   */
  reserve(claim: SlotClaim, write: (manager: EntityManager) => Promise<BookingEntity>, movingId?: string): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:' || $1, 0))`, [claim.agentUserId]);
      const [clash] = await manager.query(
        `SELECT 1 FROM bookings
          WHERE agent_user_id = $1 AND status = 'CONFIRMED' AND id IS DISTINCT FROM $2::uuid
            AND start_time < $4::timestamptz + make_interval(mins => $5) AND end_time > $3::timestamptz - make_interval(mins => $5)
          LIMIT 1`,
        [claim.agentUserId, movingId ?? null, claim.startTime, claim.endTime, claim.bufferMinutes],
      );
      if (clash) return { outcome: 'taken' };
      if (claim.dailyCap !== null) {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM bookings WHERE agent_user_id = $1 AND status = 'CONFIRMED' AND agent_day = $2 AND id IS DISTINCT FROM $3::uuid`,
          [claim.agentUserId, claim.agentDay, movingId ?? null],
        );
        if (count >= claim.dailyCap) return { outcome: 'day_full' };
      }
      return { outcome: 'reserved', booking: await write(manager) };
    });
  }

  create(fields: Partial<BookingEntity>): BookingEntity {
    return this.bookings.create(fields);
  }

  findById(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ id });
  }

  findByActivity(activityId: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ activityId });
  }

  async confirmedBetween(agentUserId: string, from: Date, to: Date, exceptId?: string): Promise<BusyInterval[]> {
    const rows: Array<{ start_time: Date; end_time: Date }> = await this.dataSource.query(
      `SELECT start_time, end_time FROM bookings
        WHERE agent_user_id = $1 AND status = 'CONFIRMED' AND start_time < $3 AND end_time > $2 AND id IS DISTINCT FROM $4::uuid`,
      [agentUserId, from, to, exceptId ?? null],
    );
    return rows.map((row) => ({ start: row.start_time, end: row.end_time }));
  }

  /** Confirmed bookings per agent-local day in [fromDay, toDay], for the daily cap. */
  async countsPerDay(agentUserId: string, fromDay: string, toDay: string, exceptId?: string): Promise<Map<string, number>> {
    const rows: Array<{ day: string; count: number }> = await this.dataSource.query(
      `SELECT to_char(agent_day, 'YYYY-MM-DD') AS day, count(*)::int AS count FROM bookings
        WHERE agent_user_id = $1 AND status = 'CONFIRMED' AND agent_day BETWEEN $2 AND $3 AND id IS DISTINCT FROM $4::uuid
        GROUP BY agent_day`,
      [agentUserId, fromDay, toDay, exceptId ?? null],
    );
    return new Map(rows.map((row) => [row.day, row.count]));
  }

  async update(id: string, changes: Partial<BookingEntity>): Promise<void> {
    await this.bookings.update({ id }, changes);
  }

  /** Frees the slot of a booking whose Zoom meeting could not be made. */
  async release(id: string): Promise<void> {
    await this.bookings.update({ id }, { status: BookingStatus.CANCELLED });
  }
}
