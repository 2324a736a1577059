/**
 * Runs the service: reads the environment, opens the database, creates the first admin, starts the
 * job runner and the retention scheduler, and serves the API and the built task pane on one port.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { createApp } from './api/app.ts';
import { DEFAULT_CONFIG, type AppDeps } from './api/deps.ts';
import { deriveKeys, loadMasterSecret } from './auth/keys.ts';
import { ensureFirstAdmin } from './auth/users.ts';
import { openDatabase, type OpenDatabase } from './db/open.ts';
import type { Integrations } from './jobs/adapters.ts';
import { defaultIntegrations } from './jobs/integrations.ts';
import { JobQueue } from './jobs/queue.ts';
import { scheduleRetention } from './jobs/retention.ts';
import { JobRunner } from './jobs/runner.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().optional(),
  /** Use (and create) this schema on the server database, so several deployments can share one. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').optional(),
  ADMIN_USERNAME: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  DEMO_DATA_SECRET: z.string().optional(),
  CORS_ORIGINS: z.string().default(''),
  STATIC_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  JOB_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  JOB_POLL_MS: z.coerce.number().int().min(50).default(1000),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(1000).default(3600_000),
});
export type ServiceEnv = z.infer<typeof EnvSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const r = EnvSchema.safeParse(env);
  if (!r.success) throw new Error(`Bad service environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export interface RunningService {
  url: string;
  database: OpenDatabase;
  runner: JobRunner;
  close(): Promise<void>;
}

export async function startService(opts: { env?: ServiceEnv; integrations?: Integrations; logger?: Logger } = {}): Promise<RunningService> {
  const env = opts.env ?? readEnv();
  const logger = opts.logger ?? pino({ level: env.LOG_LEVEL });
  const dataDir = resolve(env.DATA_DIR);
  const version = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version;
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir, schema: env.DATABASE_SCHEMA });
  const keys = deriveKeys(loadMasterSecret({ secret: env.DEMO_DATA_SECRET, dataDir }));
  if (await ensureFirstAdmin(database.db, env.ADMIN_USERNAME, env.ADMIN_PASSWORD)) logger.info({ username: env.ADMIN_USERNAME }, 'created the first admin');
  const jobs = new JobQueue(database.db, { leaseMs: env.JOB_LEASE_MS });
  const integrations = opts.integrations ?? defaultIntegrations({ db: database.db });
  const clock = () => new Date();
  const deps: AppDeps = {
    db: database.db,
    config: {
      ...DEFAULT_CONFIG,
      version,
      dataDir,
      corsOrigins: env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
      staticDir: resolve(env.STATIC_DIR ?? `${ROOT}dist/addin`),
      trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    },
    keys,
    clock,
    jobs,
    integrations,
    logger,
  };
  const { app } = createApp(deps);
  const runner = new JobRunner({ db: database.db, queue: jobs, integrations, dataDir, keys, logger, pollMs: env.JOB_POLL_MS });
  runner.start();
  const stopRetention = scheduleRetention(database.db, dataDir, clock, env.RETENTION_SWEEP_MS, (err) => logger.warn({ err }, 'retention sweep failed'));
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, () => ok(s));
    s.once('error', fail);
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${addr.port}`;
  logger.info({ url, database: database.kind, dataDir }, 'service listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    database,
    runner,
    close: () =>
      (closing ??= (async () => {
        stopRetention();
        await new Promise<void>((r) => server.close(() => r()));
        await runner.stop();
        await integrations.close?.();
        await database.close();
      })()),
  };
}
