import type { z } from 'zod';
import { ZoomResponseError } from './errors';

/** The failing paths and zod's messages, never the received values, which may be tokens or personal data. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates a Zoom response before anything uses it; the error names what failed (describeIssues). */
export function parseZoomResponse<S extends z.ZodType>(
  schema: S,
  data: unknown,
  endpoint: string,
  status?: number,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ZoomResponseError('invalid_response', `Zoom ${endpoint}: unexpected response shape (${describeIssues(result.error)})`, {
    status,
    endpoint,
  });
}

/** An item of a Zoom list that failed validation: where it was, its `id` when it had a usable one, what was wrong. */
export interface ZoomRejectedItem {
  /** E.g. `payload.object.call_logs[1]`. */
  at: string;
  id: string | null;
  problem: string;
}

export interface ZoomItems<T> {
  items: T[];
  rejected: ZoomRejectedItem[];
}

const idOf = (item: unknown) => {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/**
 * Validates each item of a Zoom list on its own: the valid ones come back in order, each malformed one is named
 * with its problem, so one bad record never sinks the others of its event or page.
 */
export function parseZoomItems<S extends z.ZodType>(schema: S, items: readonly unknown[], at: string): ZoomItems<z.output<S>> {
  const parsed: ZoomItems<z.output<S>> = { items: [], rejected: [] };
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) parsed.items.push(result.data);
    else parsed.rejected.push({ at: `${at}[${index}]`, id: idOf(item), problem: describeIssues(result.error) });
  });
  return parsed;
}

/** One line for a log or the health page, e.g. `payload.object.call_logs[1] (id h-2): call_id: Invalid input`. */
export const describeRejectedItem = (item: ZoomRejectedItem) => `${item.at}${item.id ? ` (id ${item.id})` : ''}: ${item.problem}`;
