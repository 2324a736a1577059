/**
 * Property values: which TE type a JSON value has, and whether it fits TE's limits (TE-FORMAT §2).
 * Written as plain loops because the engine's tests run it on every generated record.
 */
import type { PropertyType } from '../../taxonomy/model.ts';
import { LIMITS, NAME_PATTERN, PRESET_PROPERTIES, SYSTEM_FIELDS, isTeTime, utf8Length } from './format.ts';
import type { RecordIssue } from './issues.ts';

/** A value's TE type; `undefined` when the value is not one TE stores. */
export function classifyValue(value: unknown): PropertyType | undefined {
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return isTeTime(value) ? 'time' : 'string';
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        const first: unknown = value[0];
        // An empty array fixes nothing; callers treat it as compatible with both array types.
        if (first !== null && typeof first === 'object' && !Array.isArray(first)) return 'object_group';
        return 'list';
      }
      return 'object';
    }
    default:
      return undefined;
  }
}

/** Whether a value of type `seen` can be stored in a property locked as `locked`. */
export function compatible(locked: PropertyType, seen: PropertyType): boolean {
  // A time-shaped string is still a string; TE only infers "time" when it sees one first.
  return locked === seen || (locked === 'string' && seen === 'time');
}

/** Where a checked value's type is recorded for the type lock, keyed by lower-cased path. */
export interface LockSink {
  note(path: string, type: PropertyType, field: string): void;
}

export interface NameContext {
  extraPresets: ReadonlySet<string>;
}

/** Checks a property (or object child) name; returns false when the value should not be inspected. */
export function checkName(name: string, field: string, ctx: NameContext, issues: RecordIssue[]): boolean {
  if (NAME_PATTERN.test(name)) return true;
  if (SYSTEM_FIELDS.has(name)) {
    issues.push({ field, code: 'system_field', message: `'${name}' is computed by ThinkingEngine and must not be sent; remove it.` });
    return false;
  }
  if (name.startsWith('#')) {
    if (PRESET_PROPERTIES.has(name) || ctx.extraPresets.has(name)) return true;
    issues.push({ field, code: 'unknown_preset', message: `'${name}' is not a ThinkingEngine preset property; only presets may start with '#', so TE drops it. Rename it without '#'.` });
    return false;
  }
  issues.push({
    field,
    code: 'invalid_property_name',
    message: `Property name '${name}' is invalid: use a letter followed by up to 49 letters, digits or '_'.`,
  });
  return false;
}

function checkText(s: string, field: string, issues: RecordIssue[]): void {
  // Most strings are short; only count bytes when the length alone cannot settle it.
  if (s.length * 3 <= LIMITS.maxTextBytes) return;
  const bytes = utf8Length(s);
  if (bytes > LIMITS.maxTextBytes) {
    issues.push({ field, code: 'text_too_long', message: `Text is ${bytes} bytes; ThinkingEngine keeps at most ${LIMITS.maxTextBytes}. Shorten it.` });
  }
}

function checkNumber(n: number, field: string, issues: RecordIssue[]): void {
  if (!Number.isFinite(n) || n > LIMITS.maxNumber || n < -LIMITS.maxNumber) {
    issues.push({ field, code: 'number_out_of_range', message: `Number ${n} is outside ±9E15, the range ThinkingEngine stores.` });
  }
}

function checkList(list: unknown[], field: string, issues: RecordIssue[]): void {
  if (list.length > LIMITS.maxListItems) {
    issues.push({ field, code: 'list_too_long', message: `List has ${list.length} items; ThinkingEngine keeps at most ${LIMITS.maxListItems}.` });
  }
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') {
      issues.push({ field: `${field}[${i}]`, code: 'list_item_invalid', message: `List items must be strings (found ${describe(item)}); convert them to text.` });
      continue;
    }
    if (item.length > LIMITS.maxListItemBytes / 3 && utf8Length(item) > LIMITS.maxListItemBytes) {
      issues.push({ field: `${field}[${i}]`, code: 'list_item_too_long', message: `List item is over ${LIMITS.maxListItemBytes} bytes; shorten it.` });
    }
  }
}

/**
 * Checks one object's children (an object property, or one element of an object group). Children
 * cannot themselves be objects or object groups.
 */
function checkObject(
  obj: Record<string, unknown>,
  field: string,
  lockPath: string,
  ctx: NameContext,
  issues: RecordIssue[],
  lock: LockSink | undefined,
): void {
  let count = 0;
  let lowered: Map<string, string> | undefined;
  for (const key in obj) {
    count++;
    const childField = `${field}.${key}`;
    if (!checkName(key, childField, ctx, issues)) continue;
    const lower = key.toLowerCase();
    if (lower !== key || lowered !== undefined) {
      // Only a name with capitals can collide; from the first one on, track every name.
      if (lowered === undefined) {
        lowered = new Map();
        for (const earlier in obj) {
          if (earlier === key) break;
          lowered.set(earlier.toLowerCase(), earlier);
        }
      }
      const clash = lowered.get(lower);
      if (clash !== undefined) {
        issues.push({ field: childField, code: 'name_collision', message: `'${key}' and '${clash}' differ only in case; ThinkingEngine treats them as one name. Keep one.` });
        continue;
      }
      lowered.set(lower, key);
    }
    const value = obj[key];
    const type = classifyValue(value);
    if (type === 'object' || type === 'object_group') {
      issues.push({ field: childField, code: 'nested_too_deep', message: `Object members cannot be objects or object groups; flatten '${key}'.` });
      continue;
    }
    checkScalarOrList(value, type, childField, issues);
    if (type !== undefined && lock && !(type === 'list' && (value as unknown[]).length === 0)) {
      lock.note(`${lockPath}.${lower}`, type, childField);
    }
  }
  if (count > LIMITS.maxObjectKeys) {
    issues.push({ field, code: 'object_too_many_keys', message: `Object has ${count} members; ThinkingEngine keeps at most ${LIMITS.maxObjectKeys}.` });
  }
}

function checkScalarOrList(value: unknown, type: PropertyType | undefined, field: string, issues: RecordIssue[]): void {
  switch (type) {
    case 'number':
      checkNumber(value as number, field, issues);
      return;
    case 'string':
      checkText(value as string, field, issues);
      return;
    case 'list':
      checkList(value as unknown[], field, issues);
      return;
    case undefined:
      issues.push({ field, code: 'invalid_value', message: `Value ${describe(value)} is not a number, text, boolean, time, list or object; remove it or convert it.` });
      return;
    default:
      return;
  }
}

/**
 * Checks a top-level property value and notes its type for the type lock. `lockPath` is the
 * lower-cased property name qualified by table.
 */
export function checkValue(
  value: unknown,
  field: string,
  lockPath: string,
  ctx: NameContext,
  issues: RecordIssue[],
  lock: LockSink | undefined,
): void {
  const type = classifyValue(value);
  if (type === 'object') {
    checkObject(value as Record<string, unknown>, field, lockPath, ctx, issues, lock);
  } else if (type === 'object_group') {
    const group = value as unknown[];
    if (group.length > LIMITS.maxObjectGroupItems) {
      issues.push({ field, code: 'object_group_too_long', message: `Object group has ${group.length} objects; ThinkingEngine keeps at most ${LIMITS.maxObjectGroupItems}.` });
    }
    for (let i = 0; i < group.length; i++) {
      const item = group[i];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        issues.push({ field: `${field}[${i}]`, code: 'mixed_array', message: `An object group holds only objects (found ${describe(item)}).` });
        continue;
      }
      checkObject(item as Record<string, unknown>, `${field}[${i}]`, lockPath, ctx, issues, lock);
    }
  } else {
    checkScalarOrList(value, type, field, issues);
  }
  if (type !== undefined && lock && !(Array.isArray(value) && value.length === 0)) lock.note(lockPath, type, field);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `'${value.slice(0, 37)}…'` : `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'undefined' ? 'undefined' : String(value)}`;
}
