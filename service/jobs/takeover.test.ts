/**
 * Service processes on the real PostgreSQL sharing one job queue: a process killed with SIGKILL
 * mid-run loses its lease and another finishes the run; after a restart an interrupted run resumes,
 * or is marked failed with a reason once it has been interrupted too often.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/open.ts';

const URL_ = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FIXTURE = fileURLToPath(new URL('./fixtures/slow-service.ts', import.meta.url));
const schema = `t_takeover_${process.pid}`;
let dataDir: string;
let database: OpenDatabase;
const children = new Set<ChildProcess>();

interface Proc {
  child: ChildProcess;
  url: string;
}

function startProcess(): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: URL_,
      DATABASE_SCHEMA: schema,
      DEMO_DATA_SECRET: 'takeover-test-secret-0123456789',
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD: 'boss-password',
      JOB_LEASE_MS: '1500',
      JOB_POLL_MS: '200',
      SLOW_STEP_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`service exited ${code} before listening: ${err}`)));
  });
}

async function api(p: Proc, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function login(p: Proc): Promise<string> {
  return (await api(p, 'POST', '/api/auth/login', undefined, { username: 'boss', password: 'boss-password' })).body.accessToken;
}

const TAXONOMY = { product: {}, events: [{ name: 'login' }], eventProperties: [], commonProperties: [], userProperties: [], funnels: [] };

async function startRun(p: Proc, token: string, days: number): Promise<string> {
  const r = await api(p, 'POST', '/api/generate/start', token, { taxonomy: TAXONOMY, params: { startDate: '2026-01-01', days, dau: 3, seed: 1 } });
  expect(r.status).toBe(202);
  return r.body.runId;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pid of the process holding the run's running job, once it has made some progress. */
async function holderPid(runId: string): Promise<number> {
  return until('a process to work on the run', async () => {
    const job = await database.db.selectFrom('jobs').select(['lease_owner', 'state']).where('run_id', '=', runId).where('state', '=', 'running').executeTakeFirst();
    const run = await database.db.selectFrom('runs').select(['progress']).where('id', '=', runId).executeTakeFirst();
    if (!job?.lease_owner || !((run?.progress.fraction as number) > 0)) return undefined;
    return Number(job.lease_owner.split('-')[0]);
  });
}

async function status(runId: string) {
  return database.db.selectFrom('runs').select(['status', 'error']).where('id', '=', runId).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dds-takeover-'));
  database = await openDatabase({ url: URL_, schema, poolSize: 2 });
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await database?.close();
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
  await rm(dataDir, { recursive: true, force: true });
});

describe('jobs across service processes', () => {
  it('finishes a run on the surviving process after the one working on it is killed with SIGKILL', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()]);
    const token = await login(a);
    const runId = await startRun(a, token, 30);
    const pid = await holderPid(runId);
    const victim = [a, b].find((p) => p.child.pid === pid)!;
    const survivor = victim === a ? b : a;
    victim.child.kill('SIGKILL');
    const done = await until('the survivor to finish', async () => {
      const r = await api(survivor, 'GET', `/api/generate/status/${runId}`, token);
      return r.body.status === 'generated' ? r.body : undefined;
    });
    expect(done.progress.records).toBe(90);
    const job = await database.db.selectFrom('jobs').selectAll().where('run_id', '=', runId).executeTakeFirstOrThrow();
    expect({ state: job.state, attempts: job.attempts, owner: job.lease_owner!.split('-')[0] }).toEqual({ state: 'done', attempts: 2, owner: String(survivor.child.pid) });
    // Regenerated from scratch: one file per day, none left over from the killed attempt.
    expect(await readdir(join(dataDir, 'runs', runId, 'data'))).toHaveLength(30);
    survivor.child.kill('SIGTERM');
  }, 90_000);

  it('after a restart resumes an interrupted run, and fails one interrupted too often with a reason', async () => {
    const first = await startProcess();
    const token = await login(first);
    const resumed = await startRun(first, token, 20);
    await holderPid(resumed);
    first.child.kill('SIGKILL');
    expect((await status(resumed)).status).toBe('generating');

    const second = await startProcess();
    await until('the restarted service to resume the run', async () => ((await status(resumed)).status === 'generated' ? true : undefined));

    const doomed = await startRun(second, token, 200);
    await holderPid(doomed);
    // This run may only be tried once; being interrupted again must end it, not loop.
    await database.db.updateTable('jobs').set({ max_attempts: 1 }).where('run_id', '=', doomed).execute();
    second.child.kill('SIGKILL');
    const third = await startProcess();
    const failed = await until('the interrupted run to be marked failed', async () => {
      const s = await status(doomed);
      return s.status === 'failed' ? s : undefined;
    });
    expect(failed.error).toMatch(/Interrupted 1 times .*start the run again/);
    third.child.kill('SIGTERM');
  }, 90_000);
});
