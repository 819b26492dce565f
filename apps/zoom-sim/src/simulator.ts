import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { SimConfig } from './config';
import { cloudRecordingRoutes } from './cloud-recordings';
import { controlRoutes } from './control';
import { meetingPages } from './meeting-pages';
import { oauthRoutes } from './oauth';
import { openaiRoutes } from './openai';
import { restRoutes } from './rest';
import { scenarioRoutes } from './scenarios';
import { smartEmbedPage } from './smart-embed-page';
import { SimState } from './state';
import { WebhookSender } from './webhooks';

export interface ZoomSimulator {
  url: string;
  state: SimState;
  webhooks: WebhookSender;
  close(): Promise<void>;
}

/** Logs every non-control request and applies injected faults (status, delay) before Zoom's own handling. */
function requestLogAndFaults(state: SimState) {
  return async (request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/_sim')) return next();
    // Routers rewrite request.url while they run; the path as requested is taken now.
    const { method, path } = request;
    response.on('finish', () => state.requests.push({ method, path, status: response.statusCode, at: new Date().toISOString() }));
    const fault = state.takeFault(request.method, request.path);
    if (!fault) return next();
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status < 400) return next();
    if (fault.status === 429) response.setHeader('Retry-After', '1');
    const message = `Simulated fault ${fault.status}`;
    // The transcription endpoint is OpenAI's, so its faults wear OpenAI's error shape.
    const body = request.path.startsWith('/v1/') ? { error: { message, type: fault.status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null } } : { code: fault.status, message };
    response.status(fault.status).json(fault.body ?? body);
  };
}

export async function createZoomSimulator(config: SimConfig): Promise<ZoomSimulator> {
  const state = new SimState(config);
  const webhooks = new WebhookSender(state, { url: config.webhookUrl, secret: config.webhookSecret, validated: null });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogAndFaults(state));
  app.use(controlRoutes(state, webhooks));
  app.use(scenarioRoutes(state, webhooks));
  app.use(oauthRoutes(state));
  app.use(restRoutes(state, webhooks));
  app.use(cloudRecordingRoutes(state));
  app.use(openaiRoutes(state));
  app.use(meetingPages(state, webhooks));
  app.use(smartEmbedPage());
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  state.publicUrl = config.publicUrl ?? url;
  return {
    url,
    state,
    webhooks,
    close: () =>
      new Promise<void>((resolve) => {
        webhooks.reset();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
