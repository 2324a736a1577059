/**
 * The only functions a formula can call. Each is total on numbers (no NaN, no throw) because a demo
 * generator should keep producing plausible rows; randomness comes only from the PRNG handed to
 * `evaluate`, never from Math.random.
 */
import type { ExprValue } from './ast.ts';

/** A source of uniform draws in [0, 1), e.g. one user's seeded stream. */
export type Rng = () => number;

export type StaticType = 'number' | 'string' | 'boolean' | 'unknown';

export interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  /** `number`: every argument must be a number; `any`: anything (pick). */
  args: 'number' | 'any';
  /** `same` means the common type of the arguments (pick). */
  returns: StaticType | 'same';
  random: boolean;
  impl: (args: ExprValue[], rng: Rng) => ExprValue;
  /** For error messages and prompts. */
  signature: string;
  /**
   * The same function for a fixed number of number arguments, called without an argument array
   * on the hot path. Only set where every argument is a number; null reads as 0 like `impl`.
   */
  f0?: (rng: Rng) => ExprValue;
  f1?: (a: number, rng: Rng) => ExprValue;
  f2?: (a: number, b: number, rng: Rng) => ExprValue;
  f3?: (a: number, b: number, c: number, rng: Rng) => ExprValue;
}

/** Arguments of number functions are numbers or null; null counts as 0. */
const n = (v: ExprValue): number => (v as number | null) ?? 0;

function spec(signature: string, minArgs: number, maxArgs: number, impl: FunctionSpec['impl'], extra: Partial<FunctionSpec> = {}): FunctionSpec {
  return { signature, minArgs, maxArgs, args: 'number', returns: 'number', random: false, impl, ...extra };
}

function round(x: number, digits: number): number {
  const d = Math.max(0, Math.min(10, Math.trunc(digits)));
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Box–Muller; two draws so the stream advances by a fixed amount per call. */
function normal(rng: Rng, mean: number, sd: number): number {
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  min: spec('min(a, b, …)', 1, 32, (a) => Math.min(...(a as number[]))),
  max: spec('max(a, b, …)', 1, 32, (a) => Math.max(...(a as number[]))),
  round: spec('round(x, digits = 0)', 1, 2, (a) => round(n(a[0]!), a.length > 1 ? n(a[1]!) : 0)),
  floor: spec('floor(x)', 1, 1, (a) => Math.floor(n(a[0]!))),
  ceil: spec('ceil(x)', 1, 1, (a) => Math.ceil(n(a[0]!))),
  abs: spec('abs(x)', 1, 1, (a) => Math.abs(n(a[0]!))),
  clamp: spec('clamp(x, lo, hi)', 3, 3, (a) => clamp(n(a[0]!), n(a[1]!), n(a[2]!))),
  pow: spec('pow(x, y)', 2, 2, (a) => n(a[0]!) ** n(a[1]!)),
  sqrt: spec('sqrt(x)', 1, 1, (a) => Math.sqrt(Math.max(0, n(a[0]!)))),
  log: spec('log(x)', 1, 1, (a) => (n(a[0]!) > 0 ? Math.log(n(a[0]!)) : 0)),
  rand: spec('rand() | rand(hi) | rand(lo, hi)', 0, 2, (a, rng) => {
    const [lo, hi] = a.length === 0 ? [0, 1] : a.length === 1 ? [0, n(a[0]!)] : [n(a[0]!), n(a[1]!)];
    return lo + (hi - lo) * rng();
  }, { random: true }),
  randInt: spec('randInt(lo, hi) (both inclusive)', 2, 2, (a, rng) => randInt(n(a[0]!), n(a[1]!), rng), { random: true }),
  normal: spec('normal(mean, sd)', 2, 2, (a, rng) => normal(rng, n(a[0]!), n(a[1]!)), { random: true }),
  chance: spec('chance(p)', 1, 1, (a, rng) => rng() < n(a[0]!), { random: true, returns: 'boolean' }),
  pick: spec('pick(a, b, …)', 1, 32, (a, rng) => a[Math.min(a.length - 1, Math.floor(rng() * a.length))]!, {
    random: true,
    args: 'any',
    returns: 'same',
  }),
};

function randInt(lo0: number, hi0: number, rng: Rng): number {
  const lo = Math.ceil(Math.min(lo0, hi0));
  const hi = Math.floor(Math.max(lo0, hi0));
  if (hi < lo) return lo;
  return lo + Math.min(hi - lo, Math.floor(rng() * (hi - lo + 1)));
}

function clamp(x: number, a: number, b: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return Math.min(hi, Math.max(lo, x));
}

// Fixed-arity fast paths; `?? 0` keeps null (a missing value) reading as 0.
const FAST: Record<string, Partial<Pick<FunctionSpec, 'f0' | 'f1' | 'f2' | 'f3'>>> = {
  min: { f1: (a) => a ?? 0, f2: (a, b) => Math.min(a ?? 0, b ?? 0) },
  max: { f1: (a) => a ?? 0, f2: (a, b) => Math.max(a ?? 0, b ?? 0) },
  round: { f1: (a) => Math.round(a ?? 0), f2: (a, d) => round(a ?? 0, d ?? 0) },
  floor: { f1: (a) => Math.floor(a ?? 0) },
  ceil: { f1: (a) => Math.ceil(a ?? 0) },
  abs: { f1: (a) => Math.abs(a ?? 0) },
  clamp: { f3: (x, a, b) => clamp(x ?? 0, a ?? 0, b ?? 0) },
  rand: { f0: (rng) => rng(), f1: (hi, rng) => (hi ?? 0) * rng(), f2: (lo, hi, rng) => (lo ?? 0) + ((hi ?? 0) - (lo ?? 0)) * rng() },
  randInt: { f2: (lo, hi, rng) => randInt(lo ?? 0, hi ?? 0, rng) },
  chance: { f1: (p, rng) => rng() < (p ?? 0) },
};
for (const [name, fast] of Object.entries(FAST)) Object.assign(FUNCTIONS[name]!, fast);
Object.freeze(FUNCTIONS);

export function isFunctionName(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}
