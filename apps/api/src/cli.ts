import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { createLogger, PinoNestLogger } from './platform/logging/logger';
import { PlatformModule } from './platform/platform.module';
import { DemoSeedService, SeedModule } from './seed';

const COMMANDS = ['migrate', 'migrate:revert', 'seed'] as const;
type Command = (typeof COMMANDS)[number];

async function migrate(databaseUrl: string, direction: 'up' | 'down'): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  try {
    if (direction === 'down') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      return ['reverted the last migration'];
    }
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function seed(): Promise<string> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  @Module({
    imports: [PlatformModule.forRoot(config, logger, { http: false }), TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl)), SeedModule],
  })
  class SeedCommandModule {}
  const app = await NestFactory.createApplicationContext(SeedCommandModule, { logger: new PinoNestLogger(logger) });
  try {
    const result = await app.get(DemoSeedService).seed();
    return result.created ? `seeded the demo: ${result.contacts} contacts` : `demo already seeded (${result.contacts} contacts)`;
  } finally {
    await app.close();
  }
}

async function run(command: string | undefined): Promise<void> {
  if (!COMMANDS.includes(command as Command)) throw new ConfigError(`usage: cli <${COMMANDS.join('|')}>`);
  const config = loadConfig();
  if (command === 'seed') {
    console.log(await seed());
    return;
  }
  const applied = await migrate(config.databaseUrl, command === 'migrate' ? 'up' : 'down');
  console.log(applied.length > 0 ? `migrations: ${applied.join(', ')}` : 'migrations: up to date');
}

/** PostgreSQL's own codes for the start-up mistakes an operator can fix in one step. */
const POSTGRES_HINTS: Record<string, string> = {
  '3D000': 'the database in DATABASE_URL does not exist: create it (createdb), or let `npm start` do it',
  '28P01': 'PostgreSQL refused the password in DATABASE_URL',
  ECONNREFUSED: 'nothing answers at DATABASE_URL: start PostgreSQL, or run `npm start`, which can start an embedded one',
};

run(process.argv[2]).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (error instanceof ConfigError) console.error(error.message);
  else if (code && POSTGRES_HINTS[code]) console.error(`Cannot ${process.argv[2]}: ${POSTGRES_HINTS[code]}.`);
  else console.error(error);
  process.exit(1);
});
