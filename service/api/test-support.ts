/**
 * Shared set-up for the service tests: an app over PGlite (in memory) or a fresh schema on the real
 * PostgreSQL, users of each role with tokens, and a JSON request helper.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { deriveKeys } from '../auth/keys.ts';
import { signAccess } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import { openDatabase, type OpenDatabase } from '../db/open.ts';
import type { Role } from '../db/schema.ts';
import { unavailableIntegrations, type Integrations } from '../jobs/adapters.ts';
import { JobQueue } from '../jobs/queue.ts';
import { JobRunner } from '../jobs/runner.ts';
import { slowGenerator } from '../jobs/fixtures/slow-generator.ts';
import { createApp, type ServiceApp } from './app.ts';
import { DEFAULT_CONFIG, type AppDeps } from './deps.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export type DbKind = 'pglite' | 'postgres';

export interface Harness extends ServiceApp {
  deps: AppDeps;
  database: OpenDatabase;
  runner: JobRunner;
  dataDir: string;
  tokens: Record<Role, string>;
  userIds: Record<Role | 'other', string>;
  otherToken: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export function testIntegrations(stepMs = 20): Integrations {
  return {
    ...unavailableIntegrations(),
    generate: slowGenerator(stepMs),
    analyze: async () => ({ rules: { version: 1 }, source: 'offline', warnings: [] }),
    validateTaxonomy: (t) =>
      t.events.flatMap((e, i) => (/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(e.name) ? [] : [{ severity: 'error' as const, code: 'name.invalid', sheet: 'Events', path: `events[${i}].name`, message: `'${e.name}' is not a valid event name.` }])),
  };
}

export async function createHarness(kind: DbKind, opts: { integrations?: Integrations | ((db: OpenDatabase['db']) => Integrations); name: string; runner?: boolean } = { name: 'h' }): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dds-svc-'));
  const schema = `t_${opts.name}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const database = kind === 'pglite' ? await openDatabase({ memory: true }) : await openDatabase({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
  const logger = pino({ level: 'silent' });
  const keys = deriveKeys(Buffer.alloc(32, 7));
  const jobs = new JobQueue(database.db, { leaseMs: 3000 });
  const integrations = typeof opts.integrations === 'function' ? opts.integrations(database.db) : (opts.integrations ?? testIntegrations());
  const deps: AppDeps = {
    db: database.db,
    config: { ...DEFAULT_CONFIG, version: 'test', dataDir, corsOrigins: ['https://allowed.example'], throttle: { maxFailures: 3, windowSec: 600, lockSec: 600 } },
    keys,
    clock: () => new Date(),
    jobs,
    integrations,
    logger,
  };
  const service = createApp(deps);
  const runner = new JobRunner({ db: database.db, queue: jobs, integrations, dataDir, keys, logger, pollMs: 100, progressMs: 50 });
  if (opts.runner !== false) runner.start();
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role | 'other', string>;
  const now = Math.floor(Date.now() / 1000);
  for (const role of ['admin', 'user', 'viewer', 'other'] as const) {
    const u = await createUser(database.db, { username: `${role}1`, password: `${role}-password-1`, role: role === 'other' ? 'user' : role });
    userIds[role] = String(u.id);
    if (role !== 'other') tokens[role] = await signAccess(keys.jwt, { userId: String(u.id), username: u.username, role }, now);
  }
  const otherToken = await signAccess(keys.jwt, { userId: userIds.other, username: 'other1', role: 'user' }, now);
  const call: Harness['call'] = (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | FormData | undefined;
    if (o.body !== undefined) {
      if (typeof o.body === 'string' || o.body instanceof FormData) body = o.body;
      else {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
    }
    return Promise.resolve(service.app.request(path, { method, headers, body }));
  };
  return {
    ...service,
    deps,
    database,
    runner,
    dataDir,
    tokens,
    userIds,
    otherToken,
    call,
    close: async () => {
      await runner.stop();
      await database.close();
      if (kind === 'postgres') {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal valid taxonomy for generation requests. */
export function tinyTaxonomy() {
  return {
    product: { name: 'Tiny' },
    events: [{ name: 'login' }, { name: 'purchase', properties: ['amount'] }],
    eventProperties: [{ name: 'amount', type: 'number' }],
    commonProperties: [],
    userProperties: [],
    funnels: [],
  };
}

export async function waitForStatus(h: Harness, runId: string, statuses: string[], token: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await h.call('GET', `/api/generate/status/${runId}`, { token });
    const body = (await res.json()) as Record<string, unknown>;
    if (statuses.includes(body.status as string)) return body;
    if (Date.now() > deadline) throw new Error(`run ${runId} stayed ${String(body.status)}; wanted ${statuses.join('|')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
