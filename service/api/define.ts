/**
 * One table of routes: each entry declares its method, path, minimum role and zod schemas, and the
 * same table drives registration, input validation, the OpenAPI document and the role-matrix test.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Role } from '../db/schema.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { ApiError, validationError } from './errors.ts';
import { audit } from './audit.ts';

/** Who may call: anyone, or at least this role (admin > user > viewer). */
export type Access = 'public' | Role;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined> {
  method: Method;
  /** Hono path, `/api/runs/:runId`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  /** `multipart` bodies are read by the handler itself. */
  bodyKind?: 'json' | 'multipart';
  query?: Q;
  params?: P;
  /** Successful response: status, description and (JSON) schema; `binary`/`sse` for streams. */
  response: { status: number; description: string; schema?: z.ZodType; kind?: 'json' | 'binary' | 'sse' };
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteInput<B, Q, P> {
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
}

export type Handler<B, Q, P> = (c: Context<AppEnv>, input: RouteInput<B, Q, P>, deps: AppDeps) => Promise<Response>;

export interface RegisteredRoute {
  spec: RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;
}

const RANK: Record<Role, number> = { viewer: 1, user: 2, admin: 3 };
export function allows(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  return role !== undefined && RANK[role] >= RANK[access];
}

/** Reads a JSON body, telling malformed JSON and a wrong content type apart from invalid fields. */
async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `Send the body as JSON with 'Content-Type: application/json' (got '${type || 'none'}').`);
  }
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}. Check quotes, commas and brackets.`);
  }
}

export class RouteTable {
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly deps: AppDeps,
  ) {}

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q, P>,
    handler: Handler<B, Q, P>,
  ): void {
    this.routes.push({ spec: spec as RegisteredRoute['spec'] });
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const user = c.get('user');
      if (spec.access !== 'public') {
        if (!user) {
          const failure = c.get('authFailure');
          if (failure === 'expired') throw new ApiError(401, 'token_expired', 'Your access token has expired; refresh it (POST /api/auth/refresh) or sign in again.', undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
          if (failure === 'invalid') throw new ApiError(401, 'invalid_token', 'The access token is not valid (tampered, or signed by another server); sign in again.', undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
          throw new ApiError(401, 'unauthorized', 'Sign in first: send an access token as "Authorization: Bearer <token>".', undefined, { 'WWW-Authenticate': 'Bearer' });
        }
        if (!allows(spec.access, user.role)) {
          await audit(c, this.deps, { action: 'access.denied', target: `${spec.method.toUpperCase()} ${spec.path}`, outcome: 'denied', details: { role: user.role, needs: spec.access } });
          throw new ApiError(403, 'forbidden', `This needs the ${spec.access} role or higher; you are signed in as ${user.role}.`);
        }
      }
      const input = { body: undefined, query: undefined, params: undefined } as Record<string, unknown>;
      if (spec.params) {
        const r = spec.params.safeParse(c.req.param());
        if (!r.success) throw validationError('path', r.error);
        input.params = r.data;
      }
      if (spec.query) {
        const r = spec.query.safeParse(c.req.query());
        if (!r.success) throw validationError('query', r.error);
        input.query = r.data;
      }
      if (spec.body && spec.bodyKind !== 'multipart') {
        const r = spec.body.safeParse(await readJson(c));
        if (!r.success) throw validationError('body', r.error);
        input.body = r.data;
      }
      return handler(c, input as unknown as RouteInput<B, Q, P>, this.deps);
    });
  }

  /** Methods registered for a concrete path, for 405 answers; a static path outranks a pattern. */
  methodsFor(path: string): string[] {
    const exact = new Set<string>();
    const pattern = new Set<string>();
    for (const { spec } of this.routes) {
      if (spec.path === path) exact.add(spec.method.toUpperCase());
      const re = new RegExp(`^${spec.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\/:[A-Za-z]+/g, '/[^/]+')}/?$`);
      if (re.test(path)) pattern.add(spec.method.toUpperCase());
    }
    return [...(exact.size > 0 ? exact : pattern)];
  }
}
