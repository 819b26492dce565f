import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives demo defaults outside production', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.tokenEncryptionKey).toHaveLength(32);
    expect(config.zoom.apiBase).toBe('https://api.zoom.us/v2');
    expect(config.zoom.smartEmbedUrl).toBe('https://applications.zoom.us/integration/phone/embeddablephone/home');
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
    expect(() => loadConfig({ ZOOM_SMART_EMBED_URL: 'applications.zoom.us' })).toThrow(/ZOOM_SMART_EMBED_URL must be a URL/);
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

  it('reads the previous token keys, for opening tokens only', () => {
    const [current, first, second] = [1, 2, 3].map((fill) => Buffer.alloc(32, fill));
    const config = loadConfig({ TOKEN_ENCRYPTION_KEY: current.toString('base64'), TOKEN_ENCRYPTION_PREVIOUS_KEYS: ` ${first.toString('base64')}, ${second.toString('base64')},` });
    expect(config.tokenEncryptionKey).toEqual(current);
    expect(config.tokenEncryptionPreviousKeys).toEqual([first, second]);
    expect(loadConfig({}).tokenEncryptionPreviousKeys).toEqual([]);
    expect(loadConfig({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: '' }).tokenEncryptionPreviousKeys).toEqual([]);
  });

  it('names the bad previous token key by its position, never by its value', () => {
    const good = Buffer.alloc(32, 2).toString('base64');
    const bad = Buffer.alloc(31, 9).toString('base64');
    let message = '';
    try {
      loadConfig({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: `${good},${bad}` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('Invalid configuration: TOKEN_ENCRYPTION_PREVIOUS_KEYS entry 2 must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    expect(message).not.toContain(bad);
    expect(() => loadConfig({ TOKEN_ENCRYPTION_PREVIOUS_KEYS: `not-a-key,${good},short` })).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS entry 1 must be .*; TOKEN_ENCRYPTION_PREVIOUS_KEYS entry 3 must be/);
  });

  it("reads TRUSTED_PROXIES as Express's trust proxy takes it, loopback unless set", () => {
    expect(loadConfig({}).trustedProxies).toBe('loopback');
    expect(loadConfig({ TRUSTED_PROXIES: '2' }).trustedProxies).toBe(2);
    expect(loadConfig({ TRUSTED_PROXIES: ' loopback, 10.0.0.0/8, fd00::/8, uniquelocal ' }).trustedProxies).toBe('loopback, 10.0.0.0/8, fd00::/8, uniquelocal');
    expect(() => loadConfig({ TRUSTED_PROXIES: 'ingress' })).toThrow(/TRUSTED_PROXIES must be a hop count, or addresses, CIDR ranges.*invalid IP address: ingress/);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES .*invalid range on address: 10\.0\.0\.0\/33/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'true' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('reads the metrics port and token, and the OTLP endpoints as the OpenTelemetry spec does', () => {
    expect(loadConfig({}).metrics).toEqual({ port: 9464, bearerToken: undefined });
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_TOKEN: 'a-long-enough-token' }).metrics).toEqual({ port: 9100, bearerToken: 'a-long-enough-token' });
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT must be a port, 1 to 65535/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    expect(loadConfig({ API_ROLE: 'worker' }).tracing).toEqual({ tracesUrl: undefined, serviceName: 'switchboard-worker' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'crm' }).tracing).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'crm' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp' }).tracing.tracesUrl).toBe('https://traces.example/otlp');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be a URL/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET, TOKEN_ENCRYPTION_KEY must be set in production/);
  });
});
