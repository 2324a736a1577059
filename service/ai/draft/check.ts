/**
 * What a model proposes is checked item by item before it reaches a workbook: TE naming rules,
 * one type per property name, update methods that fit the type, funnels over known events.
 * Invalid items are dropped with a reason the user can read; the rest is kept.
 */
import type { PropertyType, Taxonomy, TaxonomyAdditions } from '../../../taxonomy/model.ts';

export type DroppedKind = 'event' | 'eventProperty' | 'commonProperty' | 'userProperty' | 'funnel' | 'eventPropertyRef' | 'product';

export interface DroppedItem {
  kind: DroppedKind;
  name: string;
  reason: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
/** Presets a client SDK sends; the only `#` names a taxonomy may list. */
const PRESETS = new Set([
  '#os', '#os_version', '#device_model', '#device_type', '#manufacturer', '#device_id', '#screen_width', '#screen_height',
  '#app_version', '#bundle_id', '#install_time', '#network_type', '#carrier', '#system_language', '#zone_offset', '#lib',
  '#lib_version', '#duration', '#browser', '#browser_version', '#ua', '#url', '#url_path', '#referrer', '#referrer_host',
  '#title', '#ip', '#country', '#country_code', '#province', '#city',
]);
const SYSTEM_FIELDS = new Set(['#user_id', '#event_time', '#server_time', '$part_event', '$part_date', '#active_time', '#reg_time', '#update_time']);

/** Why a name breaks TE's rules, or undefined when it is fine. Dotted names are object children. */
export function nameProblem(name: string, allowPreset: boolean): string | undefined {
  if (SYSTEM_FIELDS.has(name)) return `'${name}' is a ThinkingEngine system field and cannot be sent.`;
  if (name.startsWith('#')) {
    return allowPreset && PRESETS.has(name) ? undefined : `'${name}': only ThinkingEngine preset properties may start with '#'.`;
  }
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) {
    return `'${name}' is not a valid ThinkingEngine name (letters, digits and _, starting with a letter, at most 50 characters).`;
  }
  return undefined;
}

interface Known {
  /** Lower-cased name → exact spelling and type, for the event table (event + common properties). */
  eventTable: Map<string, { name: string; type: PropertyType | undefined }>;
  userTable: Map<string, { name: string; type: PropertyType | undefined }>;
  events: Map<string, string>;
}

function knownFrom(t: Taxonomy | undefined): Known {
  const known: Known = { eventTable: new Map(), userTable: new Map(), events: new Map() };
  if (!t) return known;
  for (const p of [...t.eventProperties, ...t.commonProperties]) known.eventTable.set(p.name.toLowerCase(), { name: p.name, type: p.type });
  for (const p of t.userProperties) known.userTable.set(p.name.toLowerCase(), { name: p.name, type: p.type });
  for (const e of t.events) known.events.set(e.name.toLowerCase(), e.name);
  return known;
}

type PropertyAddition = NonNullable<TaxonomyAdditions['eventProperties']>[number];
type UserPropertyAddition = NonNullable<TaxonomyAdditions['userProperties']>[number];

export interface CheckedAdditions {
  additions: TaxonomyAdditions;
  dropped: DroppedItem[];
}

/**
 * Checks additions against TE rules and the existing taxonomy. Rows that repeat an existing name
 * (same spelling) are kept: merging fills their gaps without overwriting.
 */
export function checkAdditions(additions: TaxonomyAdditions, existing?: Taxonomy): CheckedAdditions {
  const known = knownFrom(existing);
  const dropped: DroppedItem[] = [];
  const drop = (kind: DroppedKind, name: string, reason: string) => void dropped.push({ kind, name, reason });

  const checkProperty = <P extends PropertyAddition>(
    p: P,
    kind: DroppedKind,
    table: Known['eventTable'],
    allowPreset: boolean,
    seen: Set<string>,
  ): boolean => {
    const problem = nameProblem(p.name, allowPreset);
    if (problem) return drop(kind, p.name, problem), false;
    const lower = p.name.toLowerCase();
    const prior = table.get(lower);
    if (prior && prior.name !== p.name) {
      return drop(kind, p.name, `'${p.name}' differs only in case from '${prior.name}'; ThinkingEngine would treat them as one property.`), false;
    }
    if (seen.has(lower)) return drop(kind, p.name, `'${p.name}' is proposed twice; the first one is kept.`), false;
    if (!prior && !p.type) return drop(kind, p.name, `'${p.name}' has no type.`), false;
    if (prior?.type && p.type && prior.type !== p.type) {
      return drop(kind, p.name, `'${p.name}' is already a ${prior.type}; ThinkingEngine locks a property to its first type, so it cannot also be ${p.type}.`), false;
    }
    const type = p.type ?? prior?.type;
    if (p.allowed && type) {
      const allowedProblem = allowedMismatch(p.allowed, type);
      if (allowedProblem) return drop(kind, p.name, `'${p.name}': ${allowedProblem}`), false;
    }
    seen.add(lower);
    table.set(lower, { name: p.name, type });
    return true;
  };

  const eventSeen = new Set<string>();
  const commonProperties = (additions.commonProperties ?? []).filter((p) => checkProperty(p, 'commonProperty', known.eventTable, true, eventSeen));
  const eventProperties = (additions.eventProperties ?? []).filter((p) => checkProperty(p, 'eventProperty', known.eventTable, true, eventSeen));
  const userSeen = new Set<string>();
  const userProperties = (additions.userProperties ?? []).filter((p: UserPropertyAddition) => {
    if (!checkProperty(p, 'userProperty', known.userTable, false, userSeen)) return false;
    const type = p.type ?? known.userTable.get(p.name.toLowerCase())?.type;
    const methodProblem = p.update && type ? updateMismatch(p.update, type) : undefined;
    if (methodProblem) {
      known.userTable.delete(p.name.toLowerCase());
      return drop('userProperty', p.name, `'${p.name}': ${methodProblem}`), false;
    }
    return true;
  });

  const eventsSeen = new Set<string>();
  const events = (additions.events ?? []).flatMap((e) => {
    const problem = nameProblem(e.name, false) ?? (e.name.includes('.') ? `'${e.name}' is not a valid event name.` : undefined);
    if (problem) return drop('event', e.name, problem), [];
    const lower = e.name.toLowerCase();
    const prior = known.events.get(lower);
    if (prior && prior !== e.name) return drop('event', e.name, `'${e.name}' differs only in case from the event '${prior}'.`), [];
    if (eventsSeen.has(lower)) return drop('event', e.name, `'${e.name}' is proposed twice; the first one is kept.`), [];
    eventsSeen.add(lower);
    known.events.set(lower, e.name);
    if (!e.properties) return [e];
    const properties = e.properties.filter((ref) => {
      const root = ref.split('.')[0]!;
      const def = known.eventTable.get(ref.toLowerCase()) ?? known.eventTable.get(root.toLowerCase());
      if (def) return true;
      drop('eventPropertyRef', `${e.name}.${ref}`, `Event '${e.name}' lists '${ref}', which is not defined as an event or common property; it was left off the event.`);
      return false;
    });
    return [{ ...e, properties: [...new Set(properties)] }];
  });

  const funnels = (additions.funnels ?? []).flatMap((f) => {
    if (!f.name.trim()) return drop('funnel', f.name, 'A funnel needs a name.'), [];
    const steps = f.steps ?? [];
    const unknown = steps.filter((s) => known.events.get(s.toLowerCase()) !== s);
    if (steps.length < 2) return drop('funnel', f.name, `Funnel '${f.name}' needs at least two steps.`), [];
    if (unknown.length) return drop('funnel', f.name, `Funnel '${f.name}' names events that do not exist: ${unknown.join(', ')}.`), [];
    let stepConversion = f.stepConversion;
    if (stepConversion && stepConversion.length !== steps.length) stepConversion = undefined;
    if (stepConversion) stepConversion = [null, ...stepConversion.slice(1)];
    return [{ ...f, steps, ...(stepConversion ? { stepConversion } : { stepConversion: undefined }) }];
  });

  const out: TaxonomyAdditions = {};
  if (additions.product) out.product = additions.product;
  if (events.length) out.events = events;
  if (eventProperties.length) out.eventProperties = eventProperties;
  if (commonProperties.length) out.commonProperties = commonProperties;
  if (userProperties.length) out.userProperties = userProperties;
  if (funnels.length) out.funnels = funnels.map(stripUndefined);
  return { additions: out, dropped };
}

function allowedMismatch(allowed: NonNullable<PropertyAddition['allowed']>, type: PropertyType): string | undefined {
  if (allowed.kind === 'range') {
    if (type !== 'number') return `a range of values only fits a number, not a ${type}.`;
    if (allowed.min > allowed.max) return `the range minimum ${allowed.min} is above its maximum ${allowed.max}.`;
    return undefined;
  }
  const values = allowed.kind === 'list' ? allowed.values : allowed.values.map((v) => v.value);
  const expected = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  if (['object', 'object_group'].includes(type)) return `allowed values do not fit an ${type}; list them on its child rows.`;
  const wrong = values.find((v) => typeof v !== expected);
  if (wrong !== undefined) return `the value ${JSON.stringify(wrong)} is not a ${type}.`;
  if (allowed.kind === 'weighted' && allowed.values.some((v) => !(v.weight >= 0))) return 'weights must be zero or more.';
  return undefined;
}

function updateMismatch(update: string, type: PropertyType): string | undefined {
  if (update === 'add' && type !== 'number') return `the update method 'add' only works on numbers, not a ${type}.`;
  if ((update === 'append' || update === 'uniq_append') && type !== 'list') return `the update method '${update}' only works on lists, not a ${type}.`;
  return undefined;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Property names events refer to that no row defines (in the existing taxonomy or the additions). */
export function undefinedPropertyRefs(additions: TaxonomyAdditions, existing?: Taxonomy): string[] {
  const defined = new Set(
    [...(existing?.eventProperties ?? []), ...(existing?.commonProperties ?? []), ...(additions.eventProperties ?? []), ...(additions.commonProperties ?? [])].map((p) =>
      p.name.toLowerCase(),
    ),
  );
  const missing = new Set<string>();
  for (const e of additions.events ?? []) {
    for (const ref of e.properties ?? []) {
      const root = ref.split('.')[0]!.toLowerCase();
      if (!defined.has(ref.toLowerCase()) && !defined.has(root)) missing.add(ref);
    }
  }
  return [...missing];
}
