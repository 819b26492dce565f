import type { OnApplicationShutdown } from '@nestjs/common';
import { type Attributes, context, type Context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * The API's tracer: a no-op until a provider is registered (Tracing.start with an OTLP URL), so a span costs an
 * object and a function call while tracing is off.
 */
const tracer = trace.getTracer('switchboard');

/** W3C trace context (`traceparent`, `tracestate`) as it travels inside a job's data to another process. */
export type TraceCarrier = Record<string, string>;

/** Attribute keys of our spans: the conventions' where they have one, ours under one namespace as they ask. */
export const SpanAttribute = {
  HTTP_STATUS: ATTR_HTTP_RESPONSE_STATUS_CODE,
  WEBHOOK_EVENT: 'switchboard.webhook.event',
  WEBHOOK_INBOX_ID: 'switchboard.webhook.inbox_id',
  WEBHOOK_OUTCOME: 'switchboard.webhook.outcome',
  WEBHOOK_ATTEMPT: 'switchboard.webhook.attempt',
  LIVE_EVENT: 'switchboard.live_event',
} as const;

export { type Span, SpanKind };

/**
 * The process's span exporter, when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set:
 * spans go out in batches over OTLP/HTTP (JSON), and the last batch is flushed when the app closes. Registered
 * globally, as OpenTelemetry's API expects, with the AsyncLocalStorage context manager, so a span started deep in
 * an owner module's handler finds its parent without it being passed down.
 */
export class Tracing implements OnApplicationShutdown {
  private constructor(private readonly provider: NodeTracerProvider | null) {}

  static start(config: AppConfig['tracing'], logger: Logger): Tracing {
    if (!config.tracesUrl) return new Tracing(null);
    const provider = new NodeTracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName })),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
    });
    provider.register();
    logger.info({ tracesUrl: config.tracesUrl, serviceName: config.serviceName }, 'Exporting traces over OTLP/HTTP');
    return new Tracing(provider);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.provider) return;
    await this.provider.shutdown();
    // A process that builds another app afterwards (the tests) starts from no provider, not from a closed one.
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

/**
 * Runs `work` in a new span, active for everything `work` calls, a child of `parent` (by default the active span).
 * The span ends when `work` settles, with status error when it throws.
 */
export function inSpan<T>(name: string, options: { kind: SpanKind; attributes?: Attributes; parent?: Context }, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error as Error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Status error with the error's class and message (what the logs say too; never a body or a token). */
export function markFailed(span: Span, error: Error): void {
  span.setAttribute(ATTR_ERROR_TYPE, error.name);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 200) });
}

/** The active span's context to send along with a job; undefined while tracing is off. */
export function currentTraceCarrier(): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** The sender's context from a job's carrier, to parent the spans of its processing; a new trace without one. */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}
