import { sql } from 'kysely';
import { streamSSE } from 'hono/streaming';
import { audit } from '../audit.ts';
import { createRun } from '../create-run.ts';
import type { RouteTable } from '../define.ts';
import { badRequest, conflict } from '../errors.ts';
import { isBusy, runForCaller } from '../run-access.ts';
import { loadUserSettings } from '../../settings/store.ts';
import { missingForDestination } from '../../jobs/destination.ts';
import { GenerateAndSendRequestSchema, GenerateStartRequestSchema, RunParamsSchema, RunStartedSchema, RunSummarySchema, SendRequestSchema } from '../schemas/runs.ts';
import { runSummary } from '../views.ts';

const FINAL = new Set(['sent', 'failed', 'cancelled']);

export function generateRoutes(t: RouteTable): void {
  t.add(
    { method: 'post', path: '/api/generate/start', tag: 'generate', access: 'user', summary: 'Start generating a run from taxonomy JSON or an uploaded workbook', body: GenerateStartRequestSchema, response: { status: 202, description: 'Queued', schema: RunStartedSchema } },
    async (c, { body }, deps) => {
      const run = await createRun(c, deps, body);
      return c.json({ runId: run.id, status: run.status }, 202);
    },
  );

  t.add(
    { method: 'post', path: '/api/generate-and-send', tag: 'generate', access: 'user', summary: 'Generate a run, then send it to the destination', body: GenerateAndSendRequestSchema, response: { status: 202, description: 'Queued', schema: RunStartedSchema } },
    async (c, { body }, deps) => {
      const { destination, ...rest } = body;
      const run = await createRun(c, deps, rest, destination);
      return c.json({ runId: run.id, status: run.status }, 202);
    },
  );

  t.add({ method: 'get', path: '/api/generate/status/:runId', tag: 'generate', access: 'viewer', summary: 'A run\'s status and progress (poll)', params: RunParamsSchema, response: { status: 200, description: 'Run', schema: RunSummarySchema } }, async (c, { params }, deps) => {
    return c.json(runSummary(await runForCaller(c, deps, params.runId)), 200);
  });

  t.add(
    { method: 'get', path: '/api/generate/events/:runId', tag: 'generate', access: 'viewer', summary: 'Server-sent events: `progress` on every change, ending after the final state', params: RunParamsSchema, response: { status: 200, description: 'text/event-stream', kind: 'sse' } },
    async (c, { params }, deps) => {
      const first = await runForCaller(c, deps, params.runId);
      return streamSSE(c, async (stream) => {
        let closed = false;
        stream.onAbort(() => {
          closed = true;
        });
        let last = '';
        let run = first;
        // Polling the row (not an in-process emitter) follows the run whichever instance works on it.
        for (let i = 0; !closed && i < 2 * 3600 * 3; i++) {
          const view = runSummary(run);
          const key = `${view.status}|${view.updatedAt}|${JSON.stringify(view.progress)}`;
          if (key !== last) {
            last = key;
            await stream.writeSSE({ event: 'progress', data: JSON.stringify(view), id: String(i) });
          }
          const pending = await deps.db.selectFrom('jobs').select('id').where('run_id', '=', run.id).where('state', 'in', ['queued', 'running']).executeTakeFirst();
          if (FINAL.has(view.status) || (view.status === 'generated' && !pending)) {
            await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: view.status }) });
            break;
          }
          await stream.sleep(300);
          const next = await deps.db.selectFrom('runs').selectAll().where('id', '=', run.id).executeTakeFirst();
          if (!next) {
            await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: 'deleted' }) });
            break;
          }
          run = next;
        }
      });
    },
  );

  t.add(
    { method: 'post', path: '/api/send-data/:runId', tag: 'generate', access: 'user', summary: 'Send a generated run (TE over HTTP, TE via LogBus2, or the sandbox receiver)', params: RunParamsSchema, body: SendRequestSchema, response: { status: 202, description: 'Queued', schema: RunStartedSchema } },
    async (c, { params, body }, deps) => {
      const run = await runForCaller(c, deps, params.runId, 'run.send');
      if ((await isBusy(deps, run)) || !['generated', 'sent', 'failed', 'cancelled'].includes(run.status) || !run.manifest) {
        throw conflict(`Run ${run.id} is ${run.status}; only a generated run can be sent.`);
      }
      if (run.files_deleted) throw conflict(`The files of run ${run.id} were deleted; generate it again to send it.`);
      const settings = await loadUserSettings(deps.db, deps.keys, String(run.user_id));
      const missing = missingForDestination(body.destination, settings);
      if (missing) throw badRequest(missing);
      await deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('runs').set({ status: 'queued', destination: JSON.stringify(body.destination), error: null, cancel_requested: false, finished_at: null, updated_at: sql`now()` }).where('id', '=', run.id).execute();
        await deps.jobs.enqueue(run.id, 'send', { destination: body.destination }, trx);
      });
      deps.jobs.wake();
      await audit(c, deps, { action: 'run.send.start', target: run.id, outcome: 'success', details: { destination: body.destination.kind } });
      return c.json({ runId: run.id, status: 'queued' as const }, 202);
    },
  );
}
