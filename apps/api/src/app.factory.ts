import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { PinoNestLogger } from './platform/logging/logger';
import { ZoomWebhookIntake } from './webhook/zoom-webhook-intake';

/** Paths the SPA fallback must never answer: they belong to the api. */
const API_PATHS = /^\/(graphql|webhooks|oauth|healthz|readyz|metrics|media|meetings)(\/|$)/;
const MEDIA_PATH = /^\/media(\/|$|\?)/;
/** Vite's output: every file name carries a hash of its content, so a browser may keep it for good. */
const HASHED_ASSETS = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page that names the current hashed assets: revalidated on every load, or a deploy would go unseen. */
const REVALIDATE = 'no-cache';

function serveWebApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const webDir = config.webDistDir ?? path.resolve(process.cwd(), 'dist/apps/web');
  const indexHtml = path.join(webDir, 'index.html');
  if (!existsSync(indexHtml)) {
    logger.warn({ webDir }, 'The web app is not built (npm run build); serving the api only');
    return;
  }
  // A source map is the whole source of the SPA: never served, even when a build left one behind.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => (req.path.endsWith('.map') ? res.sendStatus(404) : next()));
  const assetsDir = path.join(webDir, 'assets') + path.sep;
  app.use(
    express.static(webDir, {
      index: false,
      cacheControl: false,
      setHeaders: (res, filePath) => res.setHeader('Cache-Control', filePath.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE),
    }),
  );
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    // A missing hashed asset (a chunk of an older deploy) is a 404, not the page: a module script cannot run HTML.
    if (req.method !== 'GET' || API_PATHS.test(req.path) || HASHED_ASSETS.test(req.path) || !req.accepts('html')) return next();
    res.sendFile(indexHtml, { cacheControl: false, headers: { 'Cache-Control': REVALIDATE } });
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
  // A contacts CSV import (at most 2 MB, see crm) is one GraphQL string: room for it and its JSON escaping.
  app.useBodyParser('json', { limit: '3mb' });
  // The client's address (the per-address login limit) and https (the Secure session cookie), as the proxies in front say.
  app.set('trust proxy', config.trustedProxies);
  mountWebhookIntake(app);
  app.enableShutdownHooks();
  // gzip or brotli for every text response through Express (GraphQL JSON, the SPA); the webhook intake answers
  // before Express, so its ack costs no compression. Media is streamed from Zoom byte range by byte range (players
  // seek), which a compressed body would break, so it passes untouched.
  app.use(compression({ filter: (req, res) => !MEDIA_PATH.test(req.url ?? '') && compression.filter(req, res) }));
  serveWebApp(app, config, logger);
  return app;
}

/** The worker role: queues and schedulers, no HTTP server. */
export async function createWorkerApp(config: AppConfig, logger: Logger): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config, logger), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  return app;
}
