import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { METRICS_PATH, MetricsEndpoint } from './metrics-endpoint';

/** `GET /metrics` on the http and all roles' port, beside the probes (outside GraphQL, never the SPA's). */
@Controller()
export class MetricsController {
  constructor(private readonly endpoint: MetricsEndpoint) {}

  @Get(METRICS_PATH)
  metrics(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.endpoint.serve(request, response);
  }
}
