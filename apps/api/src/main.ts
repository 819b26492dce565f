import 'reflect-metadata';
import { createHttpApp, createWorkerApp } from './app.factory';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { createLogger } from './platform/logging/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.role === 'worker') {
    await createWorkerApp(config, logger);
    logger.info({ role: config.role }, 'Switchboard worker started');
    return;
  }
  const app = await createHttpApp(config, logger);
  await app.listen(config.port, config.host);
  logger.info({ role: config.role, url: config.publicUrl, port: config.port }, 'Switchboard api listening');
}

main().catch((error: unknown) => {
  // A config error is the operator's to fix: one clear line, no stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
