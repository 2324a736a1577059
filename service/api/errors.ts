/** The one error shape, `{ error: { code, message, details } }`, and the errors routes throw. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, 'bad_request', message, details);
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);
export const forbidden = (message = 'Your role does not allow this action.') => new ApiError(403, 'forbidden', message);

export function errorResponse(c: Context, e: ApiError): Response {
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
  return c.json({ error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } }, e.status);
}

/** zod issues as `{ path, message }` with a readable summary naming the fields. */
export function validationError(where: 'body' | 'query' | 'path', err: z.ZodError): ApiError {
  const details = err.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `'${k}'`).join(', ')}: remove them` : i.message,
  }));
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.path}: ${d.message}`)
    .join('; ');
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : '';
  return new ApiError(400, 'validation_failed', `The request is not valid. ${summary}${more}.`, details);
}
