/**
 * What the receiver kept: accepted records per app id in arrival order, what it rejected and why,
 * duplicates it dropped, and raw requests it did not understand.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordIssue } from '../issues.ts';

export type TeRecord = Record<string, unknown>;

export interface RejectedRecord {
  appId: string;
  path: string;
  /** Position of the record in its request. */
  index: number;
  issues: RecordIssue[];
  /** The record as received (omitted when it was not JSON). */
  record?: unknown;
}

export interface UnknownRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  reason: string;
  /** The body as text (decompressed when possible), cut to `bodyBytes`. */
  body: string;
  bodyBytes: number;
}

export interface StoreOptions {
  /** Keep accepted records in memory (default true); off, only counts are kept. */
  keepRecords?: boolean;
  /** Append every accepted record as one JSON line to this file. */
  file?: string;
  /** Also append every request it did not understand to this file, one JSON line each. */
  unknownLogFile?: string;
  /** Most rejected records and unknown requests kept in the report (default 1000 each). */
  reportLimit?: number;
}

export interface StoreSummary {
  accepted: Record<string, number>;
  rejected: number;
  duplicates: number;
  unknownRequests: number;
  /** Rejections by issue code, over all rejected records (not only the ones kept). */
  rejectedByCode: Record<string, number>;
}

/** Bytes of a request body kept in the unknown-request log. */
const UNKNOWN_BODY_LIMIT = 64 * 1024;

export class ReceiverStore {
  readonly #keep: boolean;
  readonly #limit: number;
  readonly #fd: number | undefined;
  readonly #unknownFd: number | undefined;
  readonly #records = new Map<string, TeRecord[]>();
  readonly #counts = new Map<string, number>();
  readonly #uuids = new Map<string, Set<string>>();
  readonly #rejected: RejectedRecord[] = [];
  readonly #unknown: UnknownRequest[] = [];
  readonly #byCode = new Map<string, number>();
  #rejectedTotal = 0;
  #unknownTotal = 0;
  #duplicates = 0;
  #pendingText = '';

  constructor(opts: StoreOptions = {}) {
    this.#keep = opts.keepRecords !== false;
    this.#limit = opts.reportLimit ?? 1000;
    this.#fd = opts.file ? openSync(opts.file, 'a') : undefined;
    this.#unknownFd = opts.unknownLogFile ? openSync(opts.unknownLogFile, 'a') : undefined;
  }

  /** False when a record with this `#uuid` was already accepted for the app id (TE drops it). */
  isNew(appId: string, uuid: unknown): boolean {
    if (typeof uuid !== 'string') return true;
    const seen = this.#uuids.get(appId);
    return !seen?.has(uuid);
  }

  /** Keeps one accepted record; the file (if any) is written on `flush`, once per request. */
  accept(appId: string, record: TeRecord): void {
    const uuid = record['#uuid'];
    if (typeof uuid === 'string') {
      let seen = this.#uuids.get(appId);
      if (!seen) this.#uuids.set(appId, (seen = new Set()));
      seen.add(uuid);
    }
    this.#counts.set(appId, (this.#counts.get(appId) ?? 0) + 1);
    if (this.#keep) {
      let list = this.#records.get(appId);
      if (!list) this.#records.set(appId, (list = []));
      list.push(record);
    }
    if (this.#fd !== undefined) this.#pendingText += `${JSON.stringify(record)}\n`;
  }

  flush(): void {
    if (this.#fd === undefined || this.#pendingText === '') return;
    writeSync(this.#fd, this.#pendingText);
    this.#pendingText = '';
  }

  duplicate(): void {
    this.#duplicates += 1;
  }

  reject(entry: RejectedRecord): void {
    this.#rejectedTotal += 1;
    for (const issue of entry.issues) this.#byCode.set(issue.code, (this.#byCode.get(issue.code) ?? 0) + 1);
    if (this.#rejected.length < this.#limit) this.#rejected.push(entry);
  }

  unknown(entry: Omit<UnknownRequest, 'body' | 'bodyBytes'>, body: Buffer): void {
    this.#unknownTotal += 1;
    const logged: UnknownRequest = { ...entry, body: body.subarray(0, UNKNOWN_BODY_LIMIT).toString('utf8'), bodyBytes: body.length };
    if (this.#unknownFd !== undefined) writeSync(this.#unknownFd, `${JSON.stringify(logged)}\n`);
    if (this.#unknown.length < this.#limit) this.#unknown.push(logged);
  }

  /** Accepted records of an app id, in arrival order (empty when records are not kept). */
  records(appId: string): readonly TeRecord[] {
    return this.#records.get(appId) ?? [];
  }

  appIds(): string[] {
    return [...this.#counts.keys()];
  }

  count(appId: string): number {
    return this.#counts.get(appId) ?? 0;
  }

  get rejected(): readonly RejectedRecord[] {
    return this.#rejected;
  }

  get unknownRequests(): readonly UnknownRequest[] {
    return this.#unknown;
  }

  get duplicates(): number {
    return this.#duplicates;
  }

  summary(): StoreSummary {
    return {
      accepted: Object.fromEntries(this.#counts),
      rejected: this.#rejectedTotal,
      duplicates: this.#duplicates,
      unknownRequests: this.#unknownTotal,
      rejectedByCode: Object.fromEntries(this.#byCode),
    };
  }

  /** Forgets everything kept (the file, if any, is left as written). */
  clear(): void {
    this.#records.clear();
    this.#counts.clear();
    this.#uuids.clear();
    this.#rejected.length = 0;
    this.#unknown.length = 0;
    this.#byCode.clear();
    this.#rejectedTotal = 0;
    this.#unknownTotal = 0;
    this.#duplicates = 0;
  }

  close(): void {
    this.flush();
    if (this.#fd !== undefined) closeSync(this.#fd);
    if (this.#unknownFd !== undefined) closeSync(this.#unknownFd);
  }
}
