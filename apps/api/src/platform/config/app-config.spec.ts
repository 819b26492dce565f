import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives demo defaults outside production', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.tokenEncryptionKey).toHaveLength(32);
    expect(config.zoom.apiBase).toBe('https://api.zoom.us/v2');
    expect(config.recordingSyncIntervalSeconds).toBe(900);
    expect(config.signup).toBe('open');
    expect(config.inviteExpiryHours).toBe(168);
    expect(config.webhookInboxRetentionDays).toBe(30);
  });

  it('reads the sign-up mode and the invite expiry', () => {
    expect(loadConfig({ SIGNUP: 'closed', INVITE_EXPIRY_HOURS: '24' })).toMatchObject({ signup: 'closed', inviteExpiryHours: 24 });
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEY: 'short' })).toThrow(/TOKEN_ENCRYPTION_KEY must be 32 bytes/);
    expect(() => loadConfig({ API_ROLE: 'cron' })).toThrow(/API_ROLE/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a URL/);
    expect(() => loadConfig({ LOGIN_ATTEMPTS_PER_MINUTE: '5' })).toThrow(/LOGIN_ATTEMPTS_PER_MINUTE must be at least 20/);
    expect(() => loadConfig({ RECORDING_SYNC_INTERVAL_SECONDS: '0' })).toThrow(/RECORDING_SYNC_INTERVAL_SECONDS must be at least 1/);
    expect(() => loadConfig({ RECORDING_SYNC_INTERVAL_SECONDS: 'often' })).toThrow(/RECORDING_SYNC_INTERVAL_SECONDS/);
    expect(() => loadConfig({ MEETING_SUMMARY_RETRY_SECONDS: '7200' })).toThrow(/MEETING_SUMMARY_RETRY_SECONDS must be at most 3600/);
    expect(() => loadConfig({ SIGNUP: 'invite-only' })).toThrow(/SIGNUP must be open or closed/);
    expect(() => loadConfig({ INVITE_EXPIRY_HOURS: '0' })).toThrow(/INVITE_EXPIRY_HOURS must be at least 1/);
    expect(() => loadConfig({ INVITE_EXPIRY_HOURS: '1.5' })).toThrow(/INVITE_EXPIRY_HOURS must be a whole number of hours/);
    expect(loadConfig({ WEBHOOK_INBOX_RETENTION_DAYS: '7' }).webhookInboxRetentionDays).toBe(7);
    expect(() => loadConfig({ WEBHOOK_INBOX_RETENTION_DAYS: '0' })).toThrow(/WEBHOOK_INBOX_RETENTION_DAYS must be at least 1/);
    expect(() => loadConfig({ WEBHOOK_INBOX_RETENTION_DAYS: '2.5' })).toThrow(/WEBHOOK_INBOX_RETENTION_DAYS must be a whole number of days/);
    expect(() => loadConfig({ WEBHOOK_INBOX_RETENTION_DAYS: 'forever' })).toThrow(/WEBHOOK_INBOX_RETENTION_DAYS/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET, TOKEN_ENCRYPTION_KEY must be set in production/);
  });
});
