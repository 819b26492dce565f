import 'reflect-metadata';
import { type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/app-config';
import { createLogger, PinoNestLogger } from './platform/logging/logger';
import { PlatformModule } from './platform/platform.module';
import { DemoSeedService, SeedModule } from './seed';
import { type TokenKeySurvey, ZoomTokenKeyRotationService, ZoomTokenKeysModule } from './zoom';

const COMMANDS = ['migrate', 'migrate:revert', 'seed', 'rotate-token-key', 'check-token-keys'] as const;
type Command = (typeof COMMANDS)[number];

/** What a command prints, and whether it leaves the job done (else the exit code is 1). */
interface Outcome {
  lines: string[];
  ok: boolean;
}

async function migrate(databaseUrl: string, direction: 'up' | 'down'): Promise<Outcome> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    if (direction === 'down') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      return { lines: ['reverted the last migration'], ok: true };
    }
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    return { lines: [applied.length > 0 ? `migrations: ${applied.join(', ')}` : 'migrations: up to date'], ok: true };
  } finally {
    await dataSource.destroy();
  }
}

/** Runs `work` in a Nest context of `feature` plus config, logging, Redis and the database. */
async function inContext<T>(config: AppConfig, feature: Type, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const logger = createLogger(config.logLevel);
  @Module({
    imports: [PlatformModule.forRoot(config, logger, { http: false }), TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)), feature],
  })
  class CommandModule {}
  const app = await NestFactory.createApplicationContext(CommandModule, { logger: new PinoNestLogger(logger) });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function seed(config: AppConfig): Promise<Outcome> {
  const result = await inContext(config, SeedModule, (app) => app.get(DemoSeedService).seed());
  return { lines: [result.created ? `seeded the demo: ${result.contacts} contacts` : `demo already seeded (${result.contacts} contacts)`], ok: true };
}

const rows = (count: number) => `${count} ${count === 1 ? 'row' : 'rows'}`;

/** Whose tokens no configured key opens, and the two ways out. */
function unreadableLines(survey: TokenKeySurvey): string[] {
  if (survey.unreadable.length === 0) return [];
  const whose = survey.unreadable.map(({ connectionId, zoomEmail, keyId }) => `${zoomEmail} (connection ${connectionId}, ${keyId ? `key ${keyId}` : 'sealed before key ids'})`);
  return [
    `${rows(survey.unreadable.length)} cannot be decrypted with TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_PREVIOUS_KEYS: ${whose.join(', ')}.`,
    'Put the key that sealed them in TOKEN_ENCRYPTION_PREVIOUS_KEYS and run rotate-token-key, or those users reconnect Zoom.',
  ];
}

/** Read only: which keys the stored Zoom tokens are on. Fails when some cannot be decrypted. */
async function checkTokenKeys(config: AppConfig): Promise<Outcome> {
  const survey = await inContext(config, ZoomTokenKeysModule, (app) => app.get(ZoomTokenKeyRotationService).survey());
  return {
    lines: [
      `Zoom tokens: ${rows(survey.total)}; ${survey.onCurrentKey} sealed with the current key (${survey.currentKeyId}), ${survey.onOtherKeys} with previous keys, ${survey.unreadable.length} unreadable.`,
      ...unreadableLines(survey),
    ],
    ok: survey.unreadable.length === 0,
  };
}

/** Re-seals the stored Zoom tokens with the current key. Fails while some remain on other keys: the old key is still needed. */
async function rotateTokenKey(config: AppConfig): Promise<Outcome> {
  const { resealed, reconnected, after } = await inContext(config, ZoomTokenKeysModule, (app) => app.get(ZoomTokenKeyRotationService).rotate());
  const remaining = after.onOtherKeys + after.unreadable.length;
  return {
    lines: [
      `rotate-token-key: re-sealed ${rows(resealed)} with the current key (${after.currentKeyId}); ${rows(remaining)} remain on other keys.`,
      ...(reconnected > 0 ? [`Connections working again now that their key is back: ${reconnected}.`] : []),
      ...(after.onOtherKeys > 0 ? [`${rows(after.onOtherKeys)} were sealed again with an old key while this ran: run it again once every process has the new TOKEN_ENCRYPTION_KEY.`] : []),
      ...unreadableLines(after),
    ],
    ok: remaining === 0,
  };
}

async function run(command: string | undefined): Promise<Outcome> {
  if (!COMMANDS.includes(command as Command)) throw new ConfigError(`usage: cli <${COMMANDS.join('|')}>`);
  const config = loadConfig();
  switch (command as Command) {
    case 'migrate':
      return migrate(config.databaseUrl, 'up');
    case 'migrate:revert':
      return migrate(config.databaseUrl, 'down');
    case 'seed':
      return seed(config);
    case 'rotate-token-key':
      return rotateTokenKey(config);
    case 'check-token-keys':
      return checkTokenKeys(config);
  }
}

/** PostgreSQL's own codes for the start-up mistakes an operator can fix in one step. */
const POSTGRES_HINTS: Record<string, string> = {
  '3D000': 'the database in DATABASE_URL does not exist: create it (createdb), or let `npm start` do it',
  '28P01': 'PostgreSQL refused the password in DATABASE_URL',
  ECONNREFUSED: 'nothing answers at DATABASE_URL: start PostgreSQL, or run `npm start`, which can start an embedded one',
};

run(process.argv[2]).then(
  ({ lines, ok }) => {
    for (const line of lines) console.log(line);
    if (!ok) process.exitCode = 1;
  },
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    if (error instanceof ConfigError) console.error(error.message);
    else if (code && POSTGRES_HINTS[code]) console.error(`Cannot ${process.argv[2]}: ${POSTGRES_HINTS[code]}.`);
    else console.error(error);
    process.exit(1);
  },
);
