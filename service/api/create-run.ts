/** Creating a run: resolve the taxonomy (JSON or an upload), check it, store the run and queue it. */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';
import { TaxonomySchema, type Taxonomy } from '../../taxonomy/model.ts';
import { hasErrors } from '../../taxonomy/issues.ts';
import type { RunRow } from '../db/schema.ts';
import { missingForDestination } from '../jobs/destination.ts';
import { loadUserSettings } from '../settings/store.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { ApiError, badRequest, notFound } from './errors.ts';
import type { Destination, GenerateStartRequest } from './schemas/runs.ts';

export function newRunId(): string {
  return `run_${BigInt(`0x${randomBytes(12).toString('hex')}`).toString(36).padStart(19, '0')}`;
}

async function taxonomyFromUpload(deps: AppDeps, userId: string, uploadId: string): Promise<Taxonomy> {
  const upload = await deps.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).where('user_id', '=', userId).executeTakeFirst();
  if (!upload) throw notFound(`Upload ${uploadId}`);
  const buf = await readFile(upload.stored_path).catch(() => {
    throw new ApiError(410, 'gone', `The file of upload ${uploadId} was removed by retention; upload it again.`);
  });
  const { taxonomy, issues } = await deps.integrations.inspectWorkbook(buf);
  if (hasErrors(issues)) throw new ApiError(422, 'taxonomy_invalid', `The workbook '${upload.file_name}' has errors; fix them and upload it again.`, { issues });
  return taxonomy;
}

export async function createRun(c: Context<AppEnv>, deps: AppDeps, req: GenerateStartRequest, destination?: Destination): Promise<RunRow> {
  const user = c.get('user')!;
  const settings = await loadUserSettings(deps.db, deps.keys, user.userId);
  if (destination) {
    const missing = missingForDestination(destination, settings);
    if (missing) throw badRequest(missing);
  }
  const taxonomy = req.taxonomy ? TaxonomySchema.parse(req.taxonomy) : await taxonomyFromUpload(deps, user.userId, req.uploadId!);
  const issues = deps.integrations.validateTaxonomy(taxonomy);
  if (hasErrors(issues)) throw new ApiError(422, 'taxonomy_invalid', 'The taxonomy has errors; fix them (see details) and start again.', { issues });
  if (taxonomy.events.length === 0) throw new ApiError(422, 'taxonomy_invalid', 'The taxonomy has no events; add at least one event to generate data.');
  const id = newRunId();
  const run = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('runs')
      .values({
        id,
        user_id: user.userId,
        status: 'queued',
        taxonomy: JSON.stringify(taxonomy),
        params: JSON.stringify(req.params),
        destination: destination ? JSON.stringify(destination) : null,
        retention_days: req.retentionDays ?? settings.runRetentionDays,
        delete_after_send: req.deleteAfterSend ?? settings.deleteAfterSend,
        created_at: deps.clock(),
        updated_at: deps.clock(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.jobs.enqueue(id, 'generate', { analysis: req.analysis, ...(destination ? { destination } : {}) }, trx);
    return row;
  });
  deps.jobs.wake();
  await audit(c, deps, { action: 'run.create', target: id, outcome: 'success', details: { params: req.params, source: req.uploadId ?? 'taxonomy', destination: destination?.kind } });
  return run;
}
