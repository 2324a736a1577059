/**
 * The ThinkingEngine record validator (TE-FORMAT §1–2): one record in, precise issues out.
 *
 * It is stateful in one way only, the type lock: TE fixes a property's type the first time it sees
 * the property in a project (per app id) and stores later values of another type as null. The
 * validator remembers the first type of every property per app id and table (event properties and
 * user properties are separate tables; one name on two events is one property). Only records without
 * issues fix types, because a rejected record is never stored and so cannot lock anything.
 */
import type { PropertyType } from '../../taxonomy/model.ts';
import { isIP } from 'node:net';
import {
  HEADER_FIELDS,
  LIMITS,
  NAME_PATTERN,
  RECORD_TYPE_SET,
  SYSTEM_FIELDS,
  TRACK_TYPES,
  UUID_PATTERN,
  isTeTime,
  tableOf,
  type RecordType,
} from './format.ts';
import type { RecordIssue } from './issues.ts';
import { ShapeCache } from './shapes.ts';
import { checkName, checkValue, classifyValue, compatible, describe, type LockSink, type NameContext } from './values.ts';

export type { RecordIssue, RecordIssueCode } from './issues.ts';

export interface RecordValidatorOptions {
  /** Keep the per-app-id type lock (default true). Off, every record is judged on its own. */
  typeLock?: boolean;
  /** Longest `#account_id`/`#distinct_id`: 128, or 64 on old projects. */
  maxIdLength?: number;
  /** Extra `#` property names to accept as presets. */
  extraPresets?: Iterable<string>;
  /**
   * When set, `#time` must fall in the window TE accepts for server data: 3 years before to 3 days
   * after this instant (epoch ms; called per record, so a receiver can pass its clock). A day of
   * slack each way covers the sender's unknown time zone.
   */
  receivedAt?: () => number;
  /**
   * Skip the property checks for records whose shape was already found clean (default true; see
   * shapes.ts). Off, every record gets the full check: the reference the fast path is tested against.
   */
  shapeCache?: boolean;
}

export interface LockedProperty {
  table: 'event' | 'user';
  /** Lower-cased; object members are `parent.child`. */
  name: string;
  type: PropertyType;
  /** The spelling first seen. */
  spelling: string;
}

export interface RecordValidator {
  /** Issues with one record; an empty array means TE would store it as sent (and its types are now locked). */
  validate(record: unknown, appId?: string): RecordIssue[];
  /** Like `validate`, against the current locks, but fixes no types: for dry runs. */
  check(record: unknown, appId?: string): RecordIssue[];
  /** The types fixed so far for an app id. */
  lockedTypes(appId?: string): LockedProperty[];
  /** Forgets every type lock (all app ids, or one). */
  reset(appId?: string): void;
}

interface Lock {
  type: PropertyType;
  spelling: string;
  /** The field path it was first seen at; the same path again needs no spelling comparison. */
  field: string;
}

const DAY_MS = 86_400_000;
const WINDOW_BACK_MS = (3 * 365 + 1 + 1) * DAY_MS;
const WINDOW_AHEAD_MS = (3 + 1) * DAY_MS;

interface KnownName {
  lower: string;
  field: string;
  eventPath: string;
  userPath: string;
}

/** Per app id: `event:name` / `user:name` → first type seen. */
type LockTable = Map<string, Lock>;

/** Collects the types one record would fix, then checks them against the table (and commits). */
class PendingLocks implements LockSink {
  readonly paths: string[] = [];
  readonly types: PropertyType[] = [];
  readonly fields: string[] = [];
  note(path: string, type: PropertyType, field: string): void {
    this.paths.push(path);
    this.types.push(type);
    this.fields.push(field);
  }
  clear(): void {
    this.paths.length = 0;
    this.types.length = 0;
    this.fields.length = 0;
  }
}

export function createRecordValidator(opts: RecordValidatorOptions = {}): RecordValidator {
  const useLock = opts.typeLock !== false;
  const maxIdLength = opts.maxIdLength ?? LIMITS.maxIdLength;
  const ctx: NameContext = { extraPresets: new Set(opts.extraPresets ?? []) };
  const tables = new Map<string, LockTable>();
  const pending = new PendingLocks();
  /** Valid property names seen so far, with their derived strings, so the hot path builds none. */
  const names = new Map<string, KnownName>();
  const shapes = opts.shapeCache === false ? undefined : new ShapeCache();
  /** Stands for "no lock table" when shapes are verified without the type lock. */
  const noLock = {};

  function tableFor(appId: string): LockTable {
    let t = tables.get(appId);
    if (!t) tables.set(appId, (t = new Map()));
    return t;
  }

  function checkId(record: Record<string, unknown>, key: '#account_id' | '#distinct_id', issues: RecordIssue[]): boolean {
    if (!(key in record)) return false;
    const v = record[key];
    if (typeof v !== 'string' || v.length === 0) {
      issues.push({ field: key, code: 'invalid_id', message: `${key} must be a non-empty string (found ${describe(v)}).` });
    } else if (v.length > maxIdLength) {
      issues.push({ field: key, code: 'invalid_id', message: `${key} is ${v.length} characters; ThinkingEngine accepts at most ${maxIdLength}.` });
    }
    return true;
  }

  function checkHeader(record: Record<string, unknown>, issues: RecordIssue[]): RecordType | undefined {
    for (const key in record) {
      if (key === 'properties' || HEADER_FIELDS.has(key)) continue;
      if (SYSTEM_FIELDS.has(key)) {
        issues.push({ field: key, code: 'system_field', message: `'${key}' is computed by ThinkingEngine and must not be sent; remove it.` });
      } else {
        issues.push({ field: key, code: 'unknown_field', message: `'${key}' is not a ThinkingEngine header field; move it into 'properties' or remove it.` });
      }
    }

    const rawType = record['#type'];
    let type: RecordType | undefined;
    if (typeof rawType === 'string' && RECORD_TYPE_SET.has(rawType)) type = rawType as RecordType;
    else {
      issues.push({
        field: '#type',
        code: 'invalid_type',
        message: rawType === undefined ? '#type is missing; use track, user_set or another TE record type.' : `#type ${describe(rawType)} is not a ThinkingEngine record type.`,
      });
    }

    const time = record['#time'];
    if (typeof time !== 'string' || !isTeTime(time)) {
      issues.push({
        field: '#time',
        code: 'invalid_time',
        message: time === undefined ? '#time is missing.' : `#time ${describe(time)} is not 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-dd HH:mm:ss.SSS' (local time, no zone).`,
      });
    } else if (opts.receivedAt) {
      const at = Date.parse(`${time.slice(0, 10)}T${time.slice(11)}Z`);
      const now = opts.receivedAt();
      if (at < now - WINDOW_BACK_MS || at > now + WINDOW_AHEAD_MS) {
        issues.push({ field: '#time', code: 'time_out_of_window', message: `#time ${time} is outside what ThinkingEngine accepts (3 years back to 3 days ahead of receipt); TE would drop it. Generate dates closer to today.` });
      }
    }

    const hasAccount = checkId(record, '#account_id', issues);
    const hasDistinct = checkId(record, '#distinct_id', issues);
    if (!hasAccount && !hasDistinct) {
      issues.push({ field: '#account_id', code: 'missing_id', message: 'A record needs #account_id or #distinct_id (or both).' });
    }

    const isTrack = type !== undefined && TRACK_TYPES.has(type);
    const name = record['#event_name'];
    if (isTrack) {
      if (name === undefined) {
        issues.push({ field: '#event_name', code: 'missing_event_name', message: `A ${type} record needs #event_name.` });
      } else if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
        issues.push({ field: '#event_name', code: 'invalid_event_name', message: `Event name ${describe(name)} is invalid: use a letter followed by up to 49 letters, digits or '_'.` });
      }
    }
    if (type === 'track_update' || type === 'track_overwrite') {
      const id = record['#event_id'];
      if (typeof id !== 'string' || id.length === 0) {
        issues.push({ field: '#event_id', code: 'missing_event_id', message: `A ${type} record needs #event_id naming the event to change.` });
      }
    }
    if ('#first_check_id' in record) {
      const id = record['#first_check_id'];
      if (type !== undefined && type !== 'track') {
        issues.push({ field: '#first_check_id', code: 'invalid_field', message: `#first_check_id is only meaningful on #type 'track' (first events), not ${type}.` });
      } else if (typeof id !== 'string' || id.length === 0) {
        issues.push({ field: '#first_check_id', code: 'invalid_field', message: '#first_check_id must be a non-empty string.' });
      }
    }
    if ('#uuid' in record) {
      const uuid = record['#uuid'];
      if (typeof uuid !== 'string' || !UUID_PATTERN.test(uuid)) {
        issues.push({ field: '#uuid', code: 'invalid_uuid', message: `#uuid ${describe(uuid)} is not a UUID (8-4-4-4-12 hex digits).` });
      }
    }
    if ('#ip' in record) {
      const ip = record['#ip'];
      if (typeof ip !== 'string' || isIP(ip) === 0) {
        issues.push({ field: '#ip', code: 'invalid_ip', message: `#ip ${describe(ip)} is not an IPv4 or IPv6 address.` });
      }
    }
    if ('#app_id' in record) {
      const app = record['#app_id'];
      if (typeof app !== 'string' || app.length === 0) {
        issues.push({ field: '#app_id', code: 'invalid_field', message: '#app_id must be a non-empty string.' });
      }
    }
    return type;
  }

  /** Value rules that depend on the record type (user_add numbers, user_append arrays, …). */
  function checkKind(type: RecordType, key: string, value: unknown, field: string, issues: RecordIssue[]): boolean {
    switch (type) {
      case 'user_add':
        if (typeof value !== 'number') {
          issues.push({ field, code: 'value_kind', message: `user_add adds numbers only; '${key}' is ${describe(value)}.` });
          return false;
        }
        return true;
      case 'user_append':
      case 'user_uniq_append':
        if (!Array.isArray(value)) {
          issues.push({ field, code: 'value_kind', message: `${type} appends arrays only; '${key}' is ${describe(value)}. Wrap it in [ ].` });
          return false;
        }
        return true;
      default:
        return true;
    }
  }

  function checkProperties(record: Record<string, unknown>, type: RecordType | undefined, issues: RecordIssue[], lock: LockSink | undefined): void {
    if (!('properties' in record)) {
      issues.push({ field: 'properties', code: 'missing_properties', message: "A record needs a 'properties' object ({} when there is nothing to send)." });
      return;
    }
    const props = record.properties;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      issues.push({ field: 'properties', code: 'missing_properties', message: `'properties' must be an object (found ${describe(props)}).` });
      return;
    }
    const obj = props as Record<string, unknown>;
    if (type === 'user_del') {
      for (const key in obj) {
        issues.push({ field: `properties.${key}`, code: 'user_del_properties', message: 'user_del deletes the whole user; send properties {}.' });
        break;
      }
      return;
    }
    const user = type !== undefined && tableOf(type) === 'user';
    let collided: Set<string> | undefined;
    for (const key in obj) {
      let name = names.get(key);
      if (name === undefined) {
        const field = `properties.${key}`;
        if (!checkName(key, field, ctx, issues)) continue;
        const lower = key.toLowerCase();
        name = { lower, field, eventPath: `event:${lower}`, userPath: `user:${lower}` };
        // Bounded so a stream of random names cannot grow memory without limit.
        if (names.size < 50_000) names.set(key, name);
      }
      // Distinct all-lower-case names cannot collide, so only a capital letter starts the check.
      if (name.lower !== key && collided === undefined) collided = reportCollisions(obj, issues);
      if (collided?.has(key)) continue;
      if (type === 'user_unset') continue; // only the keys matter
      const value = obj[key];
      if (type !== undefined && !checkKind(type, key, value, name.field, issues)) continue;
      if (key === '#zone_offset' && (typeof value !== 'number' || value < -12 || value > 14)) {
        issues.push({ field: name.field, code: 'invalid_value', message: `#zone_offset is hours from UTC, a number from -12 to 14 (found ${describe(value)}).` });
        continue;
      }
      checkValue(value, name.field, user ? name.userPath : name.eventPath, ctx, issues, lock);
    }
  }

  /** Reports names that repeat another but for case; returns the later ones, to be skipped. */
  function reportCollisions(obj: Record<string, unknown>, issues: RecordIssue[]): Set<string> {
    const seen = new Map<string, string>();
    const later = new Set<string>();
    for (const key in obj) {
      const lower = key.toLowerCase();
      const clash = seen.get(lower);
      if (clash === undefined) {
        seen.set(lower, key);
        continue;
      }
      later.add(key);
      issues.push({ field: `properties.${key}`, code: 'name_collision', message: `'${key}' and '${clash}' differ only in case; ThinkingEngine treats them as one property. Keep one.` });
    }
    return later;
  }

  /**
   * Compares the record's types with the app id's lock; commits them when the record is clean.
   * Returns whether every type the record noted is now in the table.
   */
  function applyLock(appId: string, issues: RecordIssue[], commit: boolean): boolean {
    const table = tableFor(appId);
    const { paths, types, fields } = pending;
    let firstInRecord: Map<string, Lock> | undefined;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const seen = types[i]!;
      const field = fields[i]!;
      let lock = table.get(path);
      if (lock === undefined) {
        // New to this app id: the record itself must still agree with itself (object group members).
        firstInRecord ??= new Map();
        lock = firstInRecord.get(path);
        if (lock === undefined) {
          firstInRecord.set(path, { type: seen, spelling: spellingOf(field), field });
          continue;
        }
      }
      if (!compatible(lock.type, seen)) {
        issues.push({
          field,
          code: 'type_lock',
          message: `'${lock.spelling}' was first received as ${lock.type}; this ${seen} value would be stored as null. Send ${lock.type} values only.`,
        });
      } else if (field !== lock.field) {
        const spelling = spellingOf(field);
        if (spelling !== lock.spelling && spelling.toLowerCase() === lock.spelling.toLowerCase()) {
          issues.push({ field, code: 'name_collision', message: `'${spelling}' was first received as '${lock.spelling}'; names are case-insensitive, so use one spelling.` });
        }
      }
    }
    if (firstInRecord === undefined) return true;
    if (!commit || issues.length > 0) return false;
    for (const [path, lock] of firstInRecord) table.set(path, lock);
    return true;
  }

  function run(record: unknown, appId: string, commit: boolean): RecordIssue[] {
    const issues: RecordIssue[] = [];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      issues.push({ field: '', code: 'not_object', message: `A record must be a JSON object (found ${describe(record)}).` });
      return issues;
    }
    const rec = record as Record<string, unknown>;
    const type = checkHeader(rec, issues);
    const shape = type === undefined ? undefined : shapeOf(type, rec.properties);
    const table = useLock ? tableFor(appId) : noLock;
    if (shape !== undefined && ShapeCache.isVerified(shape, table)) return issues;
    pending.clear();
    checkProperties(rec, type, issues, useLock ? pending : undefined);
    const allLocked = !useLock || pending.paths.length === 0 || applyLock(appId, issues, commit);
    // Only a clean record proves its shape: header issues would not hide property issues, but they
    // stop the commit, so the shape's types might not be locked yet.
    if (shape !== undefined && issues.length === 0 && allLocked) ShapeCache.verify(shape, table);
    return issues;
  }

  function shapeOf(type: RecordType, props: unknown): ReturnType<ShapeCache['find']> {
    // user_unset and user_del judge names only and are rare: not worth a shape.
    if (shapes === undefined || type === 'user_unset' || type === 'user_del') return undefined;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) return undefined;
    return shapes.find(type, props as Record<string, unknown>);
  }

  return {
    validate: (record: unknown, appId = '') => run(record, appId, true),
    check: (record: unknown, appId = '') => run(record, appId, false),
    lockedTypes(appId = ''): LockedProperty[] {
      const out: LockedProperty[] = [];
      for (const [key, lock] of tables.get(appId) ?? []) {
        const colon = key.indexOf(':');
        out.push({ table: key.slice(0, colon) as 'event' | 'user', name: key.slice(colon + 1), type: lock.type, spelling: lock.spelling });
      }
      return out;
    },
    reset(appId?: string): void {
      if (appId === undefined) tables.clear();
      else tables.delete(appId);
    },
  };
}

/** `properties.Level` → `Level`; `properties.items[0].sku` → `items.sku`. */
function spellingOf(field: string): string {
  return field.slice('properties.'.length).replace(/\[\d+\]/g, '');
}

/** The TE type of a value, exported for reports that explain a lock. */
export { classifyValue };
