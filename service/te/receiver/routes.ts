/**
 * TE's ingestion paths (TE-FORMAT §3). Each handler turns a decoded request into TE's answer; the
 * server around them owns HTTP, faults and logging of what it could not understand.
 */
import { isPropertyIssue, propertyOf } from '../issues.ts';
import { decodeBody, parseForm, parseRecords, tryParseJson } from './body.ts';
import { ingest, knownApp, type IngestContext, type IngestResult } from './ingest.ts';

export interface DataRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query: URLSearchParams;
  body: Buffer;
}

/** An answer, or a request the receiver could not make sense of (logged, then answered). */
export type Answer = { kind: 'answer'; body: object } | { kind: 'unknown'; reason: string; body: object };

export interface RouteContext extends IngestContext {
  /** Device ids allowed on `/data_debug`; undefined allows any. */
  debugDevices: ReadonlySet<string> | undefined;
}

export type Route = (ctx: RouteContext, req: DataRequest) => Promise<Answer>;

export const CODE = { ok: 0, badFormat: -1, unknownApp: -2, badIp: -3 } as const;

function header(req: DataRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function batchAnswer(result: IngestResult): object {
  if (result.rejected === 0) return { code: CODE.ok, accepted: result.accepted, duplicates: result.duplicates };
  const first = result.problems[0]!;
  const issue = first.issues[0]!;
  return {
    code: CODE.badFormat,
    msg: `${result.rejected} record(s) rejected; first: record ${first.index}, ${issue.field || 'record'}: ${issue.message}`,
    accepted: result.accepted,
    rejected: result.rejected,
    duplicates: result.duplicates,
  };
}

function unknown(reason: string, code: number = CODE.badFormat): Answer {
  return { kind: 'unknown', reason, body: { code, msg: reason } };
}

/** `/sync_server` and `/logbus`: a (gzip) JSON array of records, app id in a header. */
function arrayRoute(requireHeaderAppId: boolean): Route {
  return async (ctx, req) => {
    let text: string;
    try {
      text = (await decodeBody(req.body, header(req, 'compress'))).toString('utf8');
    } catch (err) {
      return unknown((err as Error).message);
    }
    const parsed = parseRecords(text);
    if (!parsed.ok) return unknown(parsed.error);
    let appId = header(req, 'appid') ?? req.query.get('appid') ?? undefined;
    if (appId === undefined && !requireHeaderAppId) {
      // LogBus2 may carry the app id inside the data (appid_in_data); take it from the first record.
      const first = parsed.records[0];
      const own = first !== null && typeof first === 'object' ? (first as Record<string, unknown>)['#app_id'] : undefined;
      if (typeof own === 'string') appId = own;
    }
    if (appId === undefined) return unknown('no appid header', CODE.unknownApp);
    if (!knownApp(ctx, appId)) return { kind: 'answer', body: { code: CODE.unknownApp, msg: `unknown app id '${appId}'` } };
    return { kind: 'answer', body: batchAnswer(ingest(ctx, appId, req.path, parsed.records)) };
  };
}

/** `/sync_data`: a form with `appid` and `data` (one record) or `data_list` (an array). */
const syncData: Route = async (ctx, req) => {
  const form = parseForm(await decodeBody(req.body, header(req, 'compress')));
  const appId = form.get('appid') ?? header(req, 'appid');
  if (!appId) return unknown('form has no appid', CODE.unknownApp);
  if (!knownApp(ctx, appId)) return { kind: 'answer', body: { code: CODE.unknownApp, msg: `unknown app id '${appId}'` } };
  const raw = form.get('data_list') ?? form.get('data');
  if (raw === null) return unknown('form has neither data nor data_list');
  const parsed = tryParseJson(raw);
  if (!parsed.ok) return unknown(`data is not JSON: ${parsed.error}`);
  const records = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  return { kind: 'answer', body: batchAnswer(ingest(ctx, appId, req.path, records)) };
};

/** `/sync_json`: `{appid, debug, data}` or an array of them. */
const syncJson: Route = async (ctx, req) => {
  let text: string;
  try {
    text = (await decodeBody(req.body, header(req, 'compress'))).toString('utf8');
  } catch (err) {
    return unknown((err as Error).message);
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok) return unknown(`body is not JSON: ${parsed.error}`);
  const envelopes = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  const totals: IngestResult = { accepted: 0, rejected: 0, duplicates: 0, problems: [] };
  for (const env of envelopes) {
    if (env === null || typeof env !== 'object' || typeof (env as { appid?: unknown }).appid !== 'string') {
      return unknown('an element has no appid');
    }
    const { appid, data } = env as { appid: string; data?: unknown };
    if (!knownApp(ctx, appid)) return { kind: 'answer', body: { code: CODE.unknownApp, msg: `unknown app id '${appid}'` } };
    const r = ingest(ctx, appid, req.path, Array.isArray(data) ? data : [data]);
    totals.accepted += r.accepted;
    totals.rejected += r.rejected;
    totals.duplicates += r.duplicates;
    totals.problems.push(...r.problems);
  }
  return { kind: 'answer', body: batchAnswer(totals) };
};

/**
 * `/data_debug`: one record judged in detail. errorLevel 0 ok, 1 bad properties, 2 bad format,
 * -1 device not allowed. With `dryRun=1` nothing is stored and no type is locked.
 */
const dataDebug: Route = async (ctx, req) => {
  const form = parseForm(await decodeBody(req.body, header(req, 'compress')));
  const appId = form.get('appid') ?? '';
  const dryRun = form.get('dryRun') === '1' || form.get('dryRun') === 'true';
  const deviceId = form.get('deviceId');
  if (ctx.debugDevices && deviceId !== null && !ctx.debugDevices.has(deviceId)) {
    return { kind: 'answer', body: { errorLevel: -1, errorReasons: [`device '${deviceId}' is not allowed to debug this project`] } };
  }
  if (!knownApp(ctx, appId)) {
    return { kind: 'answer', body: { errorLevel: 2, errorReasons: [`unknown app id '${appId}'`], errorProperties: [] } };
  }
  const raw = form.get('data');
  if (raw === null) return { kind: 'unknown', reason: 'form has no data', body: { errorLevel: 2, errorReasons: ['no data field'], errorProperties: [] } };
  const parsed = tryParseJson(raw);
  if (!parsed.ok) return { kind: 'answer', body: { errorLevel: 2, errorReasons: [`data is not JSON: ${parsed.error}`], errorProperties: [] } };
  const result = ingest(ctx, appId, req.path, [parsed.value], dryRun);
  const issues = result.problems[0]?.issues ?? [];
  if (issues.length === 0) return { kind: 'answer', body: { errorLevel: 0, dryRun: dryRun ? 1 : 0 } };
  const headerIssues = issues.filter((i) => !isPropertyIssue(i));
  return {
    kind: 'answer',
    body: {
      errorLevel: headerIssues.length > 0 ? 2 : 1,
      errorReasons: issues.map((i) => `${i.field || 'record'}: ${i.message}`),
      errorProperties: issues
        .filter(isPropertyIssue)
        .map((i) => ({ propertyName: propertyOf(i), field: i.field, code: i.code, errorReason: i.message })),
      dryRun: dryRun ? 1 : 0,
    },
  };
};

export const DATA_ROUTES: Record<string, Route> = {
  '/sync_server': arrayRoute(true),
  '/logbus': arrayRoute(false),
  '/sync_data': syncData,
  '/sync_json': syncJson,
  '/data_debug': dataDebug,
};
