import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConnectionState, ZoomConnectionSummary } from '../zoom-connection';

/** One Switchboard user's link to one Zoom user. Its tokens live apart (zoom_tokens), so disconnecting deletes them whole. */
@Entity('zoom_connections')
export class ZoomConnectionEntity implements ZoomConnectionSummary {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId: string;

  @Column('text', { name: 'zoom_account_id' })
  zoomAccountId: string;

  @Column('text')
  email: string;

  /** users/me `type`: 1 Basic, 2 Licensed (Pro or higher). */
  @Column('int', { name: 'plan_type' })
  planType: number;

  @Column('text', { name: 'phone_number', nullable: true })
  phoneNumber: string | null;

  @Column('text', { name: 'phone_extension', nullable: true })
  phoneExtension: string | null;

  @Column('text', { array: true })
  scopes: string[];

  @Column('text')
  state: ConnectionState;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'connected_at' })
  connectedAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * AES-256-GCM sealed tokens of a connection (TokenCipher); the row exists only while the grant is usable, or while
 * its connection is parked in NEEDS_RECONNECT because no configured key opens it (ZoomTokenManager).
 */
@Entity('zoom_tokens')
export class ZoomTokenEntity {
  @Column('uuid', { name: 'connection_id', primary: true })
  connectionId: string;

  @Column('text', { name: 'access_token_sealed' })
  accessTokenSealed: string;

  @Column('text', { name: 'refresh_token_sealed' })
  refreshTokenSealed: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
