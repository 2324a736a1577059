import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { resolveRunFile, runDir } from '../../jobs/run-dir.ts';
import { audit } from '../audit.ts';
import type { RouteTable } from '../define.ts';
import { ApiError, conflict, notFound } from '../errors.ts';
import { isBusy, runForCaller } from '../run-access.ts';
import { RetentionRequestSchema, RunDetailSchema, RunFileQuerySchema, RunFilesSchema, RunListQuerySchema, RunListSchema, RunParamsSchema, RunSummarySchema } from '../schemas/runs.ts';
import { runDetail, runSummary } from '../views.ts';

/** Files a run may serve besides its data files. */
const RUN_EXTRAS = ['run.json', 'insights.json', 'report.html'];

export function runRoutes(t: RouteTable): void {
  t.add(
    { method: 'get', path: '/api/runs/list', tag: 'runs', access: 'viewer', summary: 'Your runs, newest first (admins: everyone\'s)', query: RunListQuerySchema, response: { status: 200, description: 'Runs', schema: RunListSchema } },
    async (c, { query }, deps) => {
      const user = c.get('user')!;
      let q = deps.db.selectFrom('runs');
      if (user.role !== 'admin') q = q.where('user_id', '=', user.userId);
      if (query.status) q = q.where('status', '=', query.status);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return c.json({ runs: rows.map(runSummary), total: total.n }, 200);
    },
  );

  t.add({ method: 'get', path: '/api/runs/:runId', tag: 'runs', access: 'viewer', summary: 'One run with its manifest', params: RunParamsSchema, response: { status: 200, description: 'Run', schema: RunDetailSchema } }, async (c, { params }, deps) => {
    return c.json(runDetail(await runForCaller(c, deps, params.runId)), 200);
  });

  t.add({ method: 'delete', path: '/api/runs/:runId', tag: 'runs', access: 'user', summary: 'Delete a finished run and its files', params: RunParamsSchema, response: { status: 204, description: 'Deleted' } }, async (c, { params }, deps) => {
    const run = await runForCaller(c, deps, params.runId, 'run.delete');
    if (await isBusy(deps, run)) throw conflict(`Run ${run.id} is ${run.status} with work pending; cancel it first, then delete it.`);
    await rm(runDir(deps.config.dataDir, run.id), { recursive: true, force: true });
    await deps.db.deleteFrom('runs').where('id', '=', run.id).execute();
    await audit(c, deps, { action: 'run.delete', target: run.id, outcome: 'success' });
    return c.body(null, 204);
  });

  t.add({ method: 'post', path: '/api/runs/:runId/cancel', tag: 'runs', access: 'user', summary: 'Cancel a queued or running run', params: RunParamsSchema, response: { status: 202, description: 'Cancellation accepted', schema: RunSummarySchema } }, async (c, { params }, deps) => {
    const run = await runForCaller(c, deps, params.runId, 'run.cancel');
    if (!(await isBusy(deps, run))) throw conflict(`Run ${run.id} is already ${run.status}; only a queued or running run can be cancelled.`);
    const updated = await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('runs').set({ cancel_requested: true, updated_at: sql`now()` }).where('id', '=', run.id).execute();
      await trx.updateTable('jobs').set({ state: 'cancelled', updated_at: sql`now()` }).where('run_id', '=', run.id).where('state', '=', 'queued').execute();
      const running = await trx.selectFrom('jobs').select('id').where('run_id', '=', run.id).where('state', '=', 'running').executeTakeFirst();
      // Nothing is working on it: cancelled now. Otherwise the worker stops at its next heartbeat.
      if (!running) {
        await trx.updateTable('runs').set({ status: 'cancelled', error: 'Cancelled by the user.', finished_at: sql`now()` }).where('id', '=', run.id).execute();
      }
      return trx.selectFrom('runs').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
    });
    await audit(c, deps, { action: 'run.cancel', target: run.id, outcome: 'success', details: { from: run.status } });
    return c.json(runSummary(updated), 202);
  });

  t.add(
    { method: 'put', path: '/api/runs/:runId/retention', tag: 'runs', access: 'user', summary: 'How long to keep a run\'s files', params: RunParamsSchema, body: RetentionRequestSchema, response: { status: 200, description: 'Run', schema: RunSummarySchema } },
    async (c, { params, body }, deps) => {
      const run = await runForCaller(c, deps, params.runId, 'run.retention');
      const updated = await deps.db
        .updateTable('runs')
        .set({ retention_days: body.retentionDays, ...(body.deleteAfterSend === undefined ? {} : { delete_after_send: body.deleteAfterSend }), updated_at: sql`now()` })
        .where('id', '=', run.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(c, deps, { action: 'run.retention', target: run.id, outcome: 'success', details: body });
      return c.json(runSummary(updated), 200);
    },
  );

  t.add({ method: 'get', path: '/api/runs/:runId/files', tag: 'runs', access: 'viewer', summary: 'The run\'s data files', params: RunParamsSchema, response: { status: 200, description: 'Files', schema: RunFilesSchema } }, async (c, { params }, deps) => {
    const run = await runForCaller(c, deps, params.runId);
    const files = run.files_deleted ? [] : await deps.db.selectFrom('run_files').selectAll().where('run_id', '=', run.id).orderBy('path').execute();
    return c.json({ files: files.map((f) => ({ path: f.path, date: f.date, records: Number(f.records), bytes: Number(f.bytes) })) }, 200);
  });

  t.add(
    { method: 'get', path: '/api/runs/:runId/download', tag: 'runs', access: 'viewer', summary: 'Download one file of a run (?path=data/2026-01-01.jsonl)', params: RunParamsSchema, query: RunFileQuerySchema, response: { status: 200, description: 'The file', kind: 'binary' } },
    async (c, { params, query }, deps) => {
      const run = await runForCaller(c, deps, params.runId);
      // Only names the run itself lists are served; the resolver then refuses anything outside the run.
      const listed = RUN_EXTRAS.includes(query.path) || (await deps.db.selectFrom('run_files').select('path').where('run_id', '=', run.id).where('path', '=', query.path).executeTakeFirst()) !== undefined;
      const full = listed ? await resolveRunFile(runDir(deps.config.dataDir, run.id), query.path) : undefined;
      if (!full) {
        await audit(c, deps, { action: 'run.download', target: run.id, outcome: 'denied', details: { path: query.path.slice(0, 200) } });
        throw notFound(`File '${query.path}' of run ${run.id}`);
      }
      const info = await stat(full);
      const type = full.endsWith('.gz') ? 'application/gzip' : full.endsWith('.html') ? 'text/html; charset=utf-8' : full.endsWith('.json') ? 'application/json' : 'application/x-ndjson';
      return new Response(Readable.toWeb(createReadStream(full)) as ReadableStream, {
        status: 200,
        headers: {
          'Content-Type': type,
          'Content-Length': String(info.size),
          'Content-Disposition': `attachment; filename="${basename(full).replace(/[^\w.-]/g, '_')}"`,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    },
  );

  t.add({ method: 'get', path: '/api/runs/:runId/insights', tag: 'runs', access: 'viewer', summary: 'The run\'s insights (insights.json)', params: RunParamsSchema, response: { status: 200, description: 'Insights' } }, async (c, { params }, deps) => {
    const run = await runForCaller(c, deps, params.runId);
    let text: string;
    try {
      text = await readFile(`${runDir(deps.config.dataDir, run.id)}/insights.json`, 'utf8');
    } catch {
      throw new ApiError(404, 'not_found', run.status === 'generated' || run.status === 'sent' ? `Run ${run.id} has no insights file (files deleted, or made without insights).` : `Run ${run.id} is ${run.status}; insights appear once it is generated.`);
    }
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  });
}
