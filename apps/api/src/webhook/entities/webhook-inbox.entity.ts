import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const InboxStatus = {
  RECEIVED: 'received',
  PROCESSING: 'processing',
  PROCESSED: 'processed',
  /** Processed without the records Zoom sent malformed (named in `last_error`). */
  PROCESSED_WITH_ERRORS: 'processed_with_errors',
  IGNORED: 'ignored',
  SKIPPED: 'skipped',
  FAILED: 'failed',
  /** Refused at intake: PostgreSQL could never store it. Only the reason (`last_error`) is kept, the body is `{}`. */
  REJECTED: 'rejected',
} as const;
export type InboxStatus = (typeof InboxStatus)[keyof typeof InboxStatus];

/** Every verified Zoom event, stored before it is acknowledged, so nothing is lost when a worker or Redis dies. */
@Entity('webhook_inbox')
export class WebhookInboxEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  event: string;

  @Column('bigint', { name: 'event_ts', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  eventTs: number;

  @Column('text', { name: 'account_id', nullable: true })
  accountId: string | null;

  @Column('text', { name: 'zoom_user_id', nullable: true })
  zoomUserId: string | null;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey: string;

  @Column('jsonb')
  body: Record<string, unknown>;

  @Column('text')
  status: InboxStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'processed_at', nullable: true })
  processedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
