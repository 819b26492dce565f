// The environment npm start gives the api and the simulator: everything pointed at the local simulator.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const API_PORT = 3000;
export const SIM_PORT = 4010;

/** Variables of the design's environment contract that a developer may set to override the demo values. */
const OVERRIDABLE_VARIABLES = [
  'PUBLIC_URL',
  'SESSION_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'ZOOM_CLIENT_ID',
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'ZOOM_OAUTH_BASE',
  'ZOOM_API_BASE',
  'ZOOM_SMART_EMBED_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'TRANSCRIPTION_MODEL',
  'SMTP_URL',
  'SIM_WEBHOOK_URL',
];

/**
 * Demo SESSION_SECRET and TOKEN_ENCRYPTION_KEY, generated on first use and kept in `file` (mode 600) so that
 * sessions and stored Zoom tokens survive restarts.
 * @returns {{ sessionSecret: string, tokenEncryptionKey: string }}
 */
export function loadDemoSecrets(file) {
  if (!existsSync(file)) {
    const secrets = {
      sessionSecret: randomBytes(32).toString('base64url'),
      tokenEncryptionKey: randomBytes(32).toString('base64'),
    };
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    return secrets;
  }
  let secrets;
  try {
    secrets = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    secrets = undefined;
  }
  const valid =
    typeof secrets?.sessionSecret === 'string' &&
    secrets.sessionSecret.length >= 16 &&
    typeof secrets.tokenEncryptionKey === 'string' &&
    Buffer.from(secrets.tokenEncryptionKey, 'base64').length === 32;
  if (!valid) throw new Error(`${file} is not valid demo secrets: delete it and npm start makes new ones.`);
  return secrets;
}

/**
 * The api/simulator environment for the demo. Variables of OVERRIDABLE_VARIABLES set in `base` win over the demo
 * values; the ports and the role are fixed because npm start's messages and checks depend on them.
 * @returns {{ env: NodeJS.ProcessEnv, overridden: string[] }}
 */
export function demoEnvironment({ databaseUrl, redisUrl, secrets, base = process.env }) {
  const simUrl = `http://localhost:${SIM_PORT}`;
  const apiUrl = `http://localhost:${API_PORT}`;
  const demoValues = {
    PUBLIC_URL: apiUrl,
    SESSION_SECRET: secrets.sessionSecret,
    TOKEN_ENCRYPTION_KEY: secrets.tokenEncryptionKey,
    ZOOM_CLIENT_ID: 'sim-client-id',
    ZOOM_CLIENT_SECRET: 'sim-client-secret',
    ZOOM_WEBHOOK_SECRET_TOKEN: 'sim-webhook-secret',
    ZOOM_OAUTH_BASE: simUrl,
    ZOOM_API_BASE: `${simUrl}/v2`,
    // The softphone pane loads the simulator's stand-in for Zoom's Smart Embed iframe.
    ZOOM_SMART_EMBED_URL: `${simUrl}/smart-embed`,
    OPENAI_API_KEY: 'sim-openai-key',
    OPENAI_BASE_URL: `${simUrl}/v1`,
    SIM_WEBHOOK_URL: `${apiUrl}/webhooks/zoom`,
    // Download URLs must be on the host the api knows as Zoom's, or it refuses to send the user's token there.
    SIM_PUBLIC_URL: simUrl,
  };
  const overridden = OVERRIDABLE_VARIABLES.filter((name) => base[name]);
  const fromBase = Object.fromEntries(overridden.map((name) => [name, base[name]]));
  return {
    env: {
      ...base,
      ...demoValues,
      ...fromBase,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      API_ROLE: 'all',
      PORT: String(API_PORT),
      SIM_PORT: String(SIM_PORT),
    },
    overridden,
  };
}
