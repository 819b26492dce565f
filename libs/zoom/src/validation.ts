import type { z } from 'zod';
import { ZoomResponseError } from './errors';

/**
 * Validates a Zoom response before anything uses it. The error names the failing paths and zod's messages
 * but never the received values, which may be tokens or personal data.
 */
export function parseZoomResponse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  endpoint: string,
  status?: number,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ZoomResponseError('invalid_response', `Zoom ${endpoint}: unexpected response shape (${problems})`, {
    status,
    endpoint,
  });
}
