import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An organisation's call outcomes, once an admin has changed them from the defaults. */
@Entity('call_disposition_lists')
export class CallDispositionList {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  /** In the order agents pick from. */
  @Column('text', { array: true })
  dispositions: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
