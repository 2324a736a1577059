/**
 * The request context of the fake Excel: calls on proxies queue operations, `sync()` runs them in
 * order against the document, and only then do loaded properties become readable (as in Office.js).
 */
import type { FakeDocument } from './document.ts';

/** Excel on the web refuses a request whose payload exceeds 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

export interface SyncStats {
  /** Number of `context.sync()` round trips, including the implicit one at the end of `Excel.run`. */
  syncs: number;
  /** Request payload of each sync, in bytes (JSON of the queued writes), in order. */
  payloadBytes: number[];
}

export function newStats(): SyncStats {
  return { syncs: 0, payloadBytes: [] };
}

const utf8 = new TextEncoder();

interface Op {
  run: () => void;
  bytes: number;
}

export class FakeContext {
  private queue: Op[] = [];

  constructor(
    readonly doc: FakeDocument,
    readonly stats: SyncStats,
  ) {}

  enqueue(run: () => void, payload: unknown = null): void {
    this.queue.push({ run, bytes: payload === null ? 16 : utf8.encode(JSON.stringify(payload)).length });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.stats.syncs++;
    const bytes = ops.reduce((sum, op) => sum + op.bytes, 0);
    this.stats.payloadBytes.push(bytes);
    // A round trip is asynchronous; callers must not rely on it finishing synchronously.
    await Promise.resolve();
    if (bytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `the request payload is ${bytes} bytes, over the 5 MB limit`);
    }
    for (const op of ops) op.run();
  }
}

export function notLoaded(property: string, type: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' of ${type} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Normalises `load()` arguments ("a,b", ["a","b"], {select: "a"}) to property paths. */
export function loadPaths(arg: unknown, all: readonly string[]): string[] {
  if (arg === undefined) return [...all];
  if (typeof arg === 'string') return arg.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => loadPaths(a, all));
  if (arg && typeof arg === 'object' && 'select' in arg) return loadPaths((arg as { select: unknown }).select, all);
  return [...all];
}
