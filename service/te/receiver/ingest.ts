/**
 * Judges the records of one request like TE: unknown app ids, duplicate `#uuid`s, then the record
 * validator (with the type lock of the app id each record goes to).
 */
import type { RecordIssue } from '../issues.ts';
import type { RecordValidator } from '../validate.ts';
import type { ReceiverStore, TeRecord } from './store.ts';

export interface IngestContext {
  validator: RecordValidator;
  store: ReceiverStore;
  /** Known app ids; undefined accepts every app id. */
  appIds: ReadonlySet<string> | undefined;
}

export interface IngestResult {
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Issues per rejected record, by its index in the request. */
  problems: { index: number; issues: RecordIssue[] }[];
}

export function knownApp(ctx: IngestContext, appId: string): boolean {
  return ctx.appIds === undefined || ctx.appIds.has(appId);
}

/**
 * Validates and stores `records` sent for `appId` (a record's own `#app_id` routes it elsewhere).
 * With `dryRun`, judges without storing or locking types.
 */
export function ingest(ctx: IngestContext, appId: string, path: string, records: unknown[], dryRun = false): IngestResult {
  const result: IngestResult = { accepted: 0, rejected: 0, duplicates: 0, problems: [] };
  const batchUuids = new Set<string>();
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    const own = record !== null && typeof record === 'object' ? (record as TeRecord)['#app_id'] : undefined;
    const target = typeof own === 'string' && own !== '' ? own : appId;
    if (!knownApp(ctx, target)) {
      const issues: RecordIssue[] = [{ field: '#app_id', code: 'unknown_app_id', message: `App id '${target}' is not a project on this receiver; check the app id.` }];
      result.rejected += 1;
      result.problems.push({ index, issues });
      if (!dryRun) ctx.store.reject({ appId: target, path, index, issues, record });
      continue;
    }
    const uuid = record !== null && typeof record === 'object' ? (record as TeRecord)['#uuid'] : undefined;
    if (typeof uuid === 'string' && (!ctx.store.isNew(target, uuid) || batchUuids.has(uuid))) {
      // TE silently drops a record whose #uuid it has seen recently.
      result.duplicates += 1;
      if (!dryRun) ctx.store.duplicate();
      continue;
    }
    const issues = dryRun ? ctx.validator.check(record, target) : ctx.validator.validate(record, target);
    if (issues.length > 0) {
      result.rejected += 1;
      result.problems.push({ index, issues });
      if (!dryRun) ctx.store.reject({ appId: target, path, index, issues, record });
      continue;
    }
    result.accepted += 1;
    if (typeof uuid === 'string') batchUuids.add(uuid);
    if (!dryRun) ctx.store.accept(target, record as TeRecord);
  }
  if (!dryRun) ctx.store.flush();
  return result;
}
