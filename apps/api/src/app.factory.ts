import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { PinoNestLogger } from './platform/logging/logger';
import { ZoomWebhookIntake } from './webhook/zoom-webhook-intake';

/** Paths the SPA fallback must never answer: they belong to the api. */
const API_PATHS = /^\/(graphql|webhooks|oauth|healthz|readyz|metrics|media|meetings)(\/|$)/;

function serveWebApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const webDir = config.webDistDir ?? path.resolve(process.cwd(), 'dist/apps/web');
  const indexHtml = path.join(webDir, 'index.html');
  if (!existsSync(indexHtml)) {
    logger.warn({ webDir }, 'The web app is not built (npm run build); serving the api only');
    return;
  }
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.sendFile(indexHtml);
  });
}

/** Zoom's webhooks are answered by a plain node:http handler before Express sees the request (see the intake). */
function mountWebhookIntake(app: NestExpressApplication): void {
  const intake = app.get(ZoomWebhookIntake);
  const server: Server = app.getHttpServer();
  const [expressHandler] = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (intake.handles(request)) intake.handle(request, response);
    else expressHandler(request, response);
  });
}

/** The http/all roles: an HTTP server with GraphQL, health and the SPA. Not yet listening. */
export async function createHttpApp(config: AppConfig, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  // The client's address (the per-address login limit) and https (the Secure session cookie), as the proxies in front say.
  app.set('trust proxy', config.trustedProxies);
  mountWebhookIntake(app);
  app.enableShutdownHooks();
  serveWebApp(app, config, logger);
  return app;
}

/** The worker role: queues and schedulers, no HTTP server. */
export async function createWorkerApp(config: AppConfig, logger: Logger): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config, logger), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  return app;
}
