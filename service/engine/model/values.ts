/**
 * Property value generators: each rule (or the taxonomy's allowed values, or a type default) is
 * compiled once into a closure `(ctx) => value`; values are then coerced to the property's declared
 * type so TE's type lock never sees one name with two types.
 */
import type { PropertyDef, PropertyType } from '../../../taxonomy/model.ts';
import { compileFormula, type ExprValue, type KnownNames } from '../expr/index.ts';
import { AliasTable } from '../random/alias.ts';
import type { Rng } from '../random/prng.ts';
import type { ValueGenerator } from '../rules/schema.ts';
import { formatLocalTime } from '../time/local-time.ts';
import type { SimUser } from './user-state.ts';
import { traitValue } from './user-state.ts';

export type Value = number | string | boolean | string[] | { [k: string]: Value } | { [k: string]: Value }[] | null;

export interface GenContext {
  rng: Rng;
  user: SimUser;
  day: number;
  /** The event's local wall-clock time as "UTC" milliseconds. */
  localMs: number;
  /** Values of the event's properties generated so far, by slot position (see GenEnv.slotIndex). */
  values: Value[];
}

export type Generator = (ctx: GenContext) => Value;

/** What compiling a generator needs to know about its surroundings. */
export interface GenEnv {
  eventIndex: (name: string) => number;
  segmentIndex: (name: string) => number;
  /** Names a formula may read: the event's properties, user.NAME, trait.NAME, day. */
  formulaNames: KnownNames;
  /** Position of one of the event's own properties in `GenContext.values`, or -1. */
  slotIndex: (name: string) => number;
  userPropertyNames: ReadonlySet<string>;
  /** Registers a faker call drawn once per user; returns its slot. */
  fakerSlot: (method: string) => number;
  /**
   * Registers that one property of an event must be remembered for `copy`; returns where the
   * user keeps it: `SimUser.remembered[slot][position]`.
   */
  remember: (eventIndex: number, property: string) => { slot: number; position: number };
  /** A unique slot for per-user counters. */
  counterSlot: () => number;
  where: string;
  /** The property the generator produces (the default for `copy`). */
  ownName: string;
  /** The property's rule for every event (or its taxonomy default): what `copy` gives when there is nothing to copy. */
  general: () => Generator;
  /** The app version the user runs on a day (`trait.app_version`). */
  appVersion: (user: SimUser, day: number) => string;
}


function roundTo(v: number, decimals: number): number {
  if (decimals <= 0) return Math.round(v);
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

function weighted(values: { value: string | number | boolean; weight: number }[]): Generator {
  const table = new AliasTable(values.map((v) => v.weight));
  const vals = values.map((v) => v.value);
  return (ctx) => vals[table.pick(ctx.rng)]!;
}

export function compileGenerator(g: ValueGenerator, env: GenEnv, fallback: () => Generator): Generator {
  switch (g.kind) {
    case 'range': {
      const { min, max } = g;
      const decimals = g.decimals ?? 0;
      const span = max - min;
      const shape = g.skew === 'low' ? (u: number) => u * u : g.skew === 'high' ? (u: number) => 1 - (1 - u) * (1 - u) : (u: number) => u;
      if (decimals === 0) return (ctx) => Math.min(max, Math.floor(min + shape(ctx.rng.next()) * (span + 1)));
      return (ctx) => roundTo(min + shape(ctx.rng.next()) * span, decimals);
    }
    case 'list': {
      const vals = g.values;
      return (ctx) => vals[ctx.rng.int(vals.length)]!;
    }
    case 'weighted':
      return weighted(g.values);
    case 'segment_range': {
      const decimals = g.decimals ?? 0;
      const bySegment: { min: number; max: number }[] = [];
      const first = g.ranges[0]!;
      for (const r of g.ranges) {
        const i = env.segmentIndex(r.segment);
        if (i >= 0) bySegment[i] = r;
      }
      return (ctx) => {
        const r = bySegment[ctx.user.segment] ?? first;
        return roundTo(r.min + ctx.rng.next() * (r.max - r.min), decimals);
      };
    }
    case 'by_value': {
      const cases = new Map<string, Generator>();
      for (const c of g.cases) cases.set(String(c.when), weighted(c.values));
      const otherwise = g.otherwise ? weighted(g.otherwise) : fallback();
      const of = g.of.startsWith('trait.') ? g.of.slice(6) : g.of;
      const slot = g.of.startsWith('trait.') ? -1 : env.slotIndex(of);
      const appVersion = env.appVersion;
      return (ctx) => {
        const key = (slot >= 0 ? ctx.values[slot] : undefined) ?? (of === 'app_version' ? appVersion(ctx.user, ctx.day) : traitValue(ctx.user, of));
        return (cases.get(String(key)) ?? otherwise)(ctx);
      };
    }
    case 'formula': {
      let formula;
      try {
        formula = compileFormula(g.expression, { names: env.formulaNames, allowTarget: false });
      } catch (err) {
        throw new Error(`${env.where}: the formula "${g.expression}" cannot be used: ${(err as Error).message}. Fix the formula in the rules.`);
      }
      const refs = formula.references.map((name) => ({ name, read: nameReader(name, env) }));
      // One scope object per formula, refilled on each call: evaluation is synchronous.
      const scope: Record<string, ExprValue | undefined> = {};
      for (const r of refs) scope[r.name] = undefined;
      let rngOf: GenContext['rng'] | null = null;
      const draw = () => rngOf!.next();
      return (ctx) => {
        for (const r of refs) scope[r.name] = r.read(ctx);
        rngOf = ctx.rng;
        return formula.evaluate(scope, draw) as Value;
      };
    }
    case 'copy': {
      const from = env.eventIndex(g.fromEvent);
      const own = env.general();
      if (from < 0) return own;
      const { slot, position } = env.remember(from, g.property || env.ownName);
      return (ctx) => {
        const v = ctx.user.remembered?.[slot]?.[position];
        return v === undefined ? own(ctx) : v;
      };
    }
    case 'user_property': {
      const { property } = g;
      const add = g.add ?? 0;
      return (ctx) => {
        const v = ctx.user.props[property];
        if (typeof v === 'number' || v === undefined || v === null) return ((v as number | undefined) ?? 0) + add;
        return v;
      };
    }
    case 'trait': {
      const t = g.trait;
      if (t === 'app_version') {
        const appVersion = env.appVersion;
        return (ctx) => appVersion(ctx.user, ctx.day);
      }
      return (ctx) => traitValue(ctx.user, t);
    }
    case 'id': {
      const prefix = g.prefix ?? '';
      if (g.scope === 'user') return (ctx) => `${prefix}${(ctx.user.index + 1000003).toString(36)}`;
      return (ctx) => `${prefix}${(ctx.user.index + 1000003).toString(36)}-${(ctx.user.idSeq++).toString(36)}`;
    }
    case 'time': {
      const offset = (g.offsetMinutes ?? 0) * 60_000;
      return (ctx) => formatLocalTime(Math.max(0, ctx.localMs + offset));
    }
    case 'counter': {
      const slot = env.counterSlot();
      const start = g.start ?? 1;
      return (ctx) => {
        const c = (ctx.user.counters ??= []);
        const next = c[slot] === undefined ? start : c[slot]! + 1;
        c[slot] = next;
        return next;
      };
    }
    case 'faker': {
      const slot = env.fakerSlot(g.method);
      return (ctx) => ctx.user.faker[slot] ?? '';
    }
  }
}

/** Reads a formula's name (`day`, `user.x`, `trait.x` or a property of the event), resolved once per formula. */
function nameReader(name: string, env: GenEnv): (ctx: GenContext) => ExprValue | undefined {
  if (name === 'day') return (ctx) => ctx.day;
  if (name === 'trait.app_version') {
    const appVersion = env.appVersion;
    return (ctx) => appVersion(ctx.user, ctx.day);
  }
  if (name.startsWith('user.')) {
    const property = name.slice(5);
    return (ctx) => scalar(ctx.user.props[property]);
  }
  if (name.startsWith('trait.')) {
    const trait = name.slice(6);
    return (ctx) => scalar(traitValue(ctx.user, trait));
  }
  const slot = env.slotIndex(name);
  return slot >= 0 ? (ctx) => scalar(ctx.values[slot]) : () => undefined;
}

function scalar(v: Value | undefined): ExprValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  return v;
}

/** A generator from the taxonomy's allowed values, or a plain default for the type. */
export function defaultGenerator(def: PropertyDef | undefined, name: string, env: GenEnv): Generator {
  const allowed = def?.allowed;
  if (allowed?.kind === 'range') return compileGenerator({ kind: 'range', min: allowed.min, max: allowed.max, decimals: allowed.decimals }, env, () => () => allowed.min);
  if (allowed?.kind === 'list') return compileGenerator({ kind: 'list', values: allowed.values }, env, () => () => null);
  if (allowed?.kind === 'weighted') return weighted(allowed.values.map((v) => ({ value: v.value, weight: Math.max(0, v.weight) })));
  const type: PropertyType = def?.type ?? 'string';
  const base = name.split('.').pop() ?? name;
  switch (type) {
    case 'number':
      if (/(price|amount|revenue|cost|pay)/i.test(base)) return (ctx) => roundTo(0.99 + ctx.rng.next() ** 2 * 49, 2);
      return (ctx) => 1 + Math.floor(ctx.rng.next() ** 2 * 100);
    case 'boolean':
      return (ctx) => ctx.rng.next() < 0.5;
    case 'time':
      return (ctx) => formatLocalTime(ctx.localMs - Math.floor(ctx.rng.next() * 30 * 86_400_000));
    case 'list': {
      const opts = Array.from({ length: 6 }, (_, i) => `${base}_${i + 1}`);
      return (ctx) => {
        const n = 1 + ctx.rng.int(3);
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          const v = opts[ctx.rng.int(opts.length)]!;
          if (!out.includes(v)) out.push(v);
        }
        return out;
      };
    }
    default: {
      if (/(^|_)id$/i.test(base)) return compileGenerator({ kind: 'id', prefix: `${base.replace(/_?id$/i, '').slice(0, 3) || 'id'}_`, scope: 'event' }, env, () => () => '');
      // Zipf-like popularity so a few values dominate, as real catalogues do.
      const opts = Array.from({ length: 8 }, (_, i) => ({ value: `${base}_${i + 1}`, weight: 1 / (i + 1) }));
      return weighted(opts);
    }
  }
}

/** A coercion specialised for one type, so the hot path does not switch on the type per value. */
export function coercer(type: PropertyType): (v: Value) => Value {
  switch (type) {
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : coerce('number', v));
    case 'string':
      return (v) => (typeof v === 'string' ? v : coerce('string', v));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : coerce('boolean', v));
    default:
      return (v) => coerce(type, v);
  }
}

/** Coerces a generated value to the declared type. */
export function coerce(type: PropertyType, v: Value): Value {
  switch (type) {
    case 'number':
      if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'string') {
        const n = Number(v);
        return Number.isFinite(n) ? n : 0;
      }
      return 0;
    case 'string':
      return typeof v === 'string' ? v : v === null ? '' : Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'boolean':
      return typeof v === 'boolean' ? v : v === 'true' || v === 1 || v === '1';
    case 'time':
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/.test(v)) return v;
      if (typeof v === 'number') return formatLocalTime(v);
      return null;
    case 'list':
      if (Array.isArray(v)) return v.map((x) => String(x));
      return v === null ? [] : [String(v)];
    default:
      return v;
  }
}
