import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { SimConfig } from './config';
import { controlRoutes } from './control';
import { oauthRoutes } from './oauth';
import { restRoutes } from './rest';
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
    response.on('finish', () => state.requests.push({ method: request.method, path: request.path, status: response.statusCode, at: new Date().toISOString() }));
    const fault = state.takeFault(request.method, request.path);
    if (!fault) return next();
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.status < 400) return next();
    if (fault.status === 429) response.setHeader('Retry-After', '1');
    response.status(fault.status).json(fault.body ?? { code: fault.status, message: `Simulated fault ${fault.status}` });
  };
}

export async function createZoomSimulator(config: SimConfig): Promise<ZoomSimulator> {
  const state = new SimState(config);
  const webhooks = new WebhookSender(state, { url: config.webhookUrl, secret: config.webhookSecret, validated: null });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogAndFaults(state));
  app.use(controlRoutes(state, webhooks));
  app.use(oauthRoutes(state));
  app.use(restRoutes(state));
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
