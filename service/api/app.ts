/**
 * The HTTP service: `createApp(deps)` builds the Hono app over the given database, clock and job
 * queue, so tests call `app.request()` on it and the server only adds a socket.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { serveStatic } from '@hono/node-server/serve-static';
import { verifyAccess } from '../auth/tokens.ts';
import { ping } from '../db/open.ts';
import { IntegrationUnavailableError, SettingRequiredError } from '../jobs/adapters.ts';
import { DestinationError } from '../jobs/destination.ts';
import { audit } from './audit.ts';
import { RouteTable } from './define.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';
import { buildOpenApi, DOCS_HTML } from './openapi.ts';
import { assistRoutes } from './routes/assist.ts';
import { auditRoutes } from './routes/audit-logs.ts';
import { authRoutes } from './routes/auth.ts';
import { excelRoutes } from './routes/excel.ts';
import { generateRoutes } from './routes/generate.ts';
import { runRoutes } from './routes/runs.ts';
import { settingsRoutes } from './routes/settings.ts';
import { userRoutes } from './routes/users.ts';

export interface ServiceApp {
  app: Hono<AppEnv>;
  /** Every API route with its declared access, for documentation and the role matrix. */
  routes: RouteTable['routes'];
}

export function createApp(deps: AppDeps): ServiceApp {
  const app = new Hono<AppEnv>();
  const { config, logger } = deps;

  app.use('*', async (c, next) => {
    const id = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', id);
    const start = performance.now();
    await next();
    c.header('X-Request-Id', id);
    logger.info({ req: id, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) }, 'request');
  });

  app.use(
    '/api/*',
    cors({
      // Only listed origins get CORS headers; the task pane is served from this origin and needs none.
      origin: (origin) => (config.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    }),
  );

  const tooLarge = (limit: number) => () => {
    throw new ApiError(413, 'payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KB; send less data.`);
  };
  app.use('/api/excel/upload', bodyLimit({ maxSize: config.maxUploadBytes + 64 * 1024, onError: tooLarge(config.maxUploadBytes) }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path === '/api/excel/upload') return next();
    return bodyLimit({ maxSize: config.maxJsonBytes, onError: tooLarge(config.maxJsonBytes) })(c, next);
  });

  app.use('/api/*', async (c, next) => {
    c.set('user', undefined);
    c.set('authFailure', undefined);
    const header = c.req.header('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const r = m ? await verifyAccess(deps.keys.jwt, m[1]!, Math.floor(deps.clock().getTime() / 1000)) : ({ ok: false, reason: 'invalid' } as const);
      if (r.ok) c.set('user', r.claims);
      else {
        c.set('authFailure', r.reason);
        // A forged or tampered token is worth a line in the audit log; an expired one is routine.
        if (r.reason === 'invalid') await audit(c, deps, { action: 'auth.token', target: c.req.path, outcome: 'denied', actor: { userId: null, username: null }, details: { reason: 'invalid token' } });
      }
    }
    await next();
  });

  const table = new RouteTable(app, deps);
  authRoutes(table);
  userRoutes(table);
  settingsRoutes(table);
  generateRoutes(table);
  runRoutes(table);
  excelRoutes(table);
  assistRoutes(table);
  auditRoutes(table);

  let openapi: unknown;
  app.get('/api/openapi.json', (c) => c.json((openapi ??= buildOpenApi(table.routes, config.version)) as object));
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  app.get('/health', async (c) => {
    const database = await ping(deps.db);
    return c.json({ status: database ? 'ok' : 'degraded', database, version: config.version }, database ? 200 : 503);
  });

  if (config.staticDir && existsSync(config.staticDir)) {
    app.use('/*', serveStatic({ root: config.staticDir, index: 'taskpane.html' }));
  }

  app.notFound((c) => {
    const allowed = c.req.path.startsWith('/api/') ? table.methodsFor(c.req.path) : [];
    if (allowed.length > 0) {
      c.header('Allow', allowed.join(', '));
      return c.json({ error: { code: 'method_not_allowed', message: `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}.` } }, 405);
    }
    return c.json({ error: { code: 'not_found', message: `Nothing at ${c.req.method} ${c.req.path}. The API is described at /api/docs.` } }, 404);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof IntegrationUnavailableError) return errorResponse(c, new ApiError(501, 'not_available', err.message));
    if (err instanceof DestinationError) return errorResponse(c, new ApiError(400, 'bad_destination', err.message));
    if (err instanceof SettingRequiredError) return errorResponse(c, new ApiError(400, 'settings_required', err.message));
    // The AI provider failed after its own retries (rate limit, outage, time-out): a bad gateway, not our bug.
    if (err.name === 'AiError') return errorResponse(c, new ApiError(502, 'ai_failed', `The AI provider failed: ${err.message}. Try again later, or check the provider settings.`));
    if (err.name === 'UnknownNameError') return errorResponse(c, new ApiError(404, 'not_found', err.message));
    logger.error({ err, req: c.get('requestId') }, 'unhandled error');
    return errorResponse(c, new ApiError(500, 'internal_error', `Something went wrong on the server (request ${c.get('requestId')}); try again, and report the request id if it keeps happening.`));
  });

  return { app, routes: table.routes };
}
