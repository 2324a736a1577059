/**
 * A ThinkingEngine-compatible receiver on loopback (TE-FORMAT §3, §5): the sandbox destination of
 * the service, `demo-data receiver`, and the other end of every sender test.
 *
 * Plain `node:http` rather than a framework: it must read large gzip bodies without copies and drop
 * connections on demand, and there is nothing here a router would simplify.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRecordValidator, type RecordValidatorOptions } from '../validate.ts';
import { BodyError, readableBody, readBody } from './body.ts';
import { FaultListSchema, FaultQueue, type FaultInput } from './faults.ts';
import { CODE, DATA_ROUTES, type Answer, type DataRequest, type RouteContext } from './routes.ts';
import { ReceiverStore, type StoreOptions } from './store.ts';

export { ReceiverStore, type TeRecord, type RejectedRecord, type UnknownRequest, type StoreSummary } from './store.ts';
export { FaultQueue, type FaultInput } from './faults.ts';

export interface ReceiverOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Known app ids; anything else is answered -2. Omitted: every app id is accepted. */
  appIds?: Iterable<string>;
  /** Device ids allowed on `/data_debug`; omitted: any. */
  debugDevices?: Iterable<string>;
  /** Faults queued from the start. */
  faults?: FaultInput[];
  store?: StoreOptions;
  validator?: RecordValidatorOptions;
  /** Largest request body accepted (compressed size); default 256 MB. */
  maxBodyBytes?: number;
}

export interface Receiver {
  /** Base URL, e.g. `http://127.0.0.1:8991`. */
  url: string;
  store: ReceiverStore;
  faults: FaultQueue;
  /** Forgets stored records, reports and type locks. */
  reset(): void;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const host = opts.host ?? '127.0.0.1';
  const store = new ReceiverStore(opts.store);
  const faults = new FaultQueue();
  if (opts.faults) faults.inject(opts.faults);
  const ctx: RouteContext = {
    validator: createRecordValidator(opts.validator),
    store,
    appIds: opts.appIds ? new Set(opts.appIds) : undefined,
    debugDevices: opts.debugDevices ? new Set(opts.debugDevices) : undefined,
  };
  const maxBody = opts.maxBodyBytes ?? 256 * 1024 * 1024;

  function reset(): void {
    store.clear();
    ctx.validator.reset();
  }

  async function handleData(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    const route = DATA_ROUTES[url.pathname]!;
    const fault = faults.take();
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'status') return json(res, fault.status, { error: `injected HTTP ${fault.status}` });
    if (fault?.kind === 'code') return json(res, 200, { code: fault.code, msg: 'injected fault' });
    if (fault?.kind === 'drop' && fault.when === 'before') {
      req.socket.destroy();
      return;
    }
    const dataReq: DataRequest = { path: url.pathname, headers: req.headers, query: url.searchParams, body };
    let answer: Answer;
    try {
      answer = await route(ctx, dataReq);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      answer = { kind: 'unknown', reason: err.message, body: { code: CODE.badFormat, msg: err.message } };
    }
    if (answer.kind === 'unknown') store.unknown({ method: req.method ?? '', path: url.pathname, headers: req.headers, reason: answer.reason }, readableBody(body));
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    json(res, 200, answer.body);
  }

  function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case 'POST /_control/faults': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          return json(res, 400, { error: 'body must be JSON: a fault or a list of faults' });
        }
        const faultsIn = FaultListSchema.safeParse(parsed);
        if (!faultsIn.success) return json(res, 400, { error: 'invalid fault', issues: faultsIn.error.issues });
        faults.inject(faultsIn.data);
        return json(res, 200, { pending: faults.pending() });
      }
      case 'DELETE /_control/faults':
        faults.clear();
        return json(res, 200, { pending: [] });
      case 'GET /_control/summary':
        return json(res, 200, { ...store.summary(), pendingFaults: faults.pending(), injectedFaults: faults.injected });
      case 'GET /_control/rejected':
        return json(res, 200, { rejected: store.rejected.slice(0, 200), unknownRequests: store.unknownRequests.slice(0, 50) });
      case 'GET /_control/records': {
        const appId = url.searchParams.get('appid') ?? '';
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000) || 1000, 10_000);
        return json(res, 200, { appId, count: store.count(appId), records: store.records(appId).slice(0, limit) });
      }
      case 'POST /_control/reset':
        reset();
        return json(res, 200, { ok: true });
      default:
        return json(res, 404, { error: `no control path ${key}` });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (err) {
      if (!res.headersSent && !req.socket.destroyed) json(res, 413, { code: CODE.badFormat, msg: (err as Error).message });
      return;
    }
    const path = url.pathname;
    if (path in DATA_ROUTES && req.method === 'POST') return handleData(req, res, url, body);
    if (path.startsWith('/_control/')) return handleControl(req, res, url, body);
    if (req.method === 'GET' && path === '/health-check') return json(res, 200, { code: CODE.ok });
    if (req.method === 'GET' && path === '/check_appid') {
      const appId = url.searchParams.get('appid') ?? '';
      return json(res, 200, { code: ctx.appIds === undefined || ctx.appIds.has(appId) ? CODE.ok : CODE.unknownApp });
    }
    store.unknown({ method: req.method ?? '', path, headers: req.headers, reason: 'unknown path or method' }, body);
    json(res, 404, { code: CODE.badFormat, msg: `no such path: ${req.method} ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug here must not take the receiver down; answer 500 so the client retries.
      if (!res.headersSent) json(res, 500, { error: (err as Error).message });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    store,
    faults,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
