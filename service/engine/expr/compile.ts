/**
 * Syntax tree → a tree of closures, checked once against the names a formula may use and their
 * types. Evaluating is then a few function calls per node: no parsing, no lookups by kind, no
 * `eval`. Arithmetic is total (x / 0 is 0, a non-finite result is 0, a missing value counts as 0
 * like TE's user_add) so a compiled formula evaluated on well-typed values never throws.
 */
import type { BinaryOp, ExprNode, ExprValue } from './ast.ts';
import { ExprError } from './errors.ts';
import { FUNCTIONS, isFunctionName, type FunctionSpec, type Rng, type StaticType } from './functions.ts';
import { parseFormula } from './parse.ts';
import { suggestName } from './suggest.ts';

/** Values by property name; a name missing from the scope reads as null. */
export type Scope = Readonly<Record<string, ExprValue | undefined>>;

export type KnownNames = ReadonlyMap<string, StaticType> | Iterable<string>;

export interface CompileOptions {
  /** Names a formula may reference, with their value types when known (a plain list means "unknown"). */
  names: KnownNames;
  /** Allow `name = formula`. Default true. */
  allowTarget?: boolean;
}

export interface CompiledFormula {
  readonly source: string;
  /** The property named by `target = …`, when written that way. */
  readonly target?: string;
  /** Result type as far as it can be known before evaluating. */
  readonly type: StaticType;
  /** Property names the formula reads, in first-use order. */
  readonly references: readonly string[];
  /** Whether evaluating draws from the PRNG. */
  readonly random: boolean;
  evaluate(scope: Scope, rng: Rng): ExprValue;
}

type Fn = (scope: Scope, rng: Rng) => ExprValue;

interface Compiled {
  fn: Fn;
  type: StaticType;
  /** Depends on neither the scope nor the PRNG, so it can be folded now. */
  pure: boolean;
}

export function compileFormula(source: string, options: CompileOptions): CompiledFormula {
  const parsed = parseFormula(source);
  if (parsed.target && options.allowTarget === false) {
    throw new ExprError('this formula must be an expression, without "name ="', source, parsed.target.pos);
  }
  const names = toTypeMap(options.names);
  if (parsed.target && !names.has(parsed.target.name)) throw unknownName(source, parsed.target.name, parsed.target.pos, names);
  const ctx = new Context(source, names);
  const root = ctx.compile(parsed.body);
  const inner = root.fn;
  const evaluate: Fn = (scope, rng) => {
    const v = inner(scope, rng);
    // -0 and non-finite numbers both become 0: TE and JSON have neither.
    return typeof v === 'number' && (v === 0 || !Number.isFinite(v)) ? 0 : v;
  };
  return {
    source,
    ...(parsed.target ? { target: parsed.target.name } : {}),
    type: root.type,
    references: [...ctx.references],
    random: ctx.random,
    evaluate,
  };
}

function toTypeMap(names: KnownNames): ReadonlyMap<string, StaticType> {
  if (names instanceof Map) return names;
  const map = new Map<string, StaticType>();
  for (const name of names as Iterable<string>) map.set(name, 'unknown');
  return map;
}

function unknownName(source: string, name: string, pos: number, names: ReadonlyMap<string, StaticType>): ExprError {
  const hint = suggestName(name, names.keys());
  return new ExprError(`unknown name "${name}"${hint ? `; did you mean "${hint}"?` : ''}`, source, pos);
}

class Context {
  readonly references = new Set<string>();
  random = false;

  constructor(
    private readonly source: string,
    private readonly names: ReadonlyMap<string, StaticType>,
  ) {}

  compile(node: ExprNode): Compiled {
    const c = this.compileNode(node);
    if (!c.pure || node.kind === 'literal') return c;
    const value = c.fn({}, () => 0);
    return { fn: () => value, type: c.type, pure: true };
  }

  private compileNode(node: ExprNode): Compiled {
    switch (node.kind) {
      case 'literal': {
        const value = node.value;
        return { fn: () => value, type: typeOfValue(value), pure: true };
      }
      case 'ref':
        return this.ref(node.name, node.pos);
      case 'unary':
        return this.unary(node);
      case 'binary':
        return this.binary(node);
      case 'logical': {
        const l = this.compile(node.left).fn;
        const r = this.compile(node.right).fn;
        const fn: Fn = node.op === '&&' ? (s, g) => truthy(l(s, g)) && truthy(r(s, g)) : (s, g) => truthy(l(s, g)) || truthy(r(s, g));
        return { fn, type: 'boolean', pure: this.pureAll(node.left, node.right) };
      }
      case 'conditional': {
        const t = this.compile(node.test).fn;
        const a = this.compile(node.then);
        const b = this.compile(node.otherwise);
        const fa = a.fn;
        const fb = b.fn;
        return {
          fn: (s, g) => (truthy(t(s, g)) ? fa(s, g) : fb(s, g)),
          type: a.type === b.type ? a.type : 'unknown',
          pure: this.pureAll(node.test, node.then, node.otherwise),
        };
      }
      case 'call':
        return this.call(node);
    }
  }

  /** Purity re-derived cheaply: a subtree is pure when it has no refs and no random calls. */
  private pureAll(...nodes: ExprNode[]): boolean {
    return nodes.every(isPure);
  }

  private ref(name: string, pos: number): Compiled {
    const type = this.names.get(name);
    if (type === undefined) {
      if (isFunctionName(name)) throw new ExprError(`"${name}" is a function; call it as ${FUNCTIONS[name]!.signature}`, this.source, pos);
      throw unknownName(this.source, name, pos, this.names);
    }
    this.references.add(name);
    return {
      fn: (s) => {
        const v = s[name];
        return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;
      },
      type,
      pure: false,
    };
  }

  private unary(node: Extract<ExprNode, { kind: 'unary' }>): Compiled {
    const arg = this.compile(node.arg);
    const f = arg.fn;
    if (node.op === '!') return { fn: (s, g) => !truthy(f(s, g)), type: 'boolean', pure: arg.pure };
    this.expectType(arg.type, 'number', node.arg.pos, 'unary "-"');
    if (arg.type === 'number') return { fn: (s, g) => -(f(s, g) as number), type: 'number', pure: arg.pure };
    const num = this.toNumber(node.arg.pos);
    return { fn: (s, g) => -num(f(s, g)), type: 'number', pure: arg.pure };
  }

  private binary(node: Extract<ExprNode, { kind: 'binary' }>): Compiled {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const l = left.fn;
    const r = right.fn;
    const pure = left.pure && right.pure;
    const op = node.op;
    if (op === '==' || op === '!=') {
      if (left.type !== 'unknown' && right.type !== 'unknown' && left.type !== right.type) {
        throw new ExprError(`"${op}" compares a ${left.type} with a ${right.type}; that is never equal`, this.source, node.right.pos);
      }
      const fn: Fn = op === '==' ? (s, g) => l(s, g) === r(s, g) : (s, g) => l(s, g) !== r(s, g);
      return { fn, type: 'boolean', pure };
    }
    if (op === '+' && (left.type === 'string' || right.type === 'string' || (left.type === 'unknown' && right.type === 'unknown'))) {
      if (left.type === 'boolean' || right.type === 'boolean') throw new ExprError('"+" cannot join a boolean', this.source, node.pos);
      const fn: Fn = (s, g) => {
        const a = l(s, g);
        const b = r(s, g);
        if (typeof a === 'boolean' || typeof b === 'boolean') throw new ExprError('"+" cannot join a boolean', this.source, node.pos);
        // Text joins only when there is text; two numbers (or missing values) add.
        if (typeof a === 'string' || typeof b === 'string') return `${a ?? ''}${b ?? ''}`;
        return (a ?? 0) + (b ?? 0);
      };
      const type: StaticType = left.type === 'string' || right.type === 'string' ? 'string' : 'unknown';
      return { fn, type, pure };
    }
    if (op === '<' || op === '<=' || op === '>' || op === '>=') return this.comparison(node, left, right);
    this.expectType(left.type, 'number', node.left.pos, `"${op}"`);
    this.expectType(right.type, 'number', node.right.pos, `"${op}"`);
    if (left.type === 'number' && right.type === 'number') return { fn: numericOp(op, l, r), type: 'number', pure };
    const a = this.toNumber(node.left.pos);
    const b = this.toNumber(node.right.pos);
    const fn: Fn =
      op === '+' ? (s, g) => a(l(s, g)) + b(r(s, g))
      : op === '-' ? (s, g) => a(l(s, g)) - b(r(s, g))
      : op === '*' ? (s, g) => a(l(s, g)) * b(r(s, g))
      : op === '/' ? (s, g) => { const d = b(r(s, g)); const x = a(l(s, g)); return d === 0 ? 0 : x / d; }
      : (s, g) => { const d = b(r(s, g)); const x = a(l(s, g)); return d === 0 ? 0 : x % d; };
    return { fn, type: 'number', pure };
  }

  private comparison(node: Extract<ExprNode, { kind: 'binary' }>, left: Compiled, right: Compiled): Compiled {
    for (const [c, pos] of [[left, node.left.pos], [right, node.right.pos]] as const) {
      if (c.type === 'boolean') throw new ExprError(`"${node.op}" cannot order booleans`, this.source, pos);
    }
    if (left.type !== 'unknown' && right.type !== 'unknown' && left.type !== right.type) {
      throw new ExprError(`"${node.op}" compares a ${left.type} with a ${right.type}`, this.source, node.right.pos);
    }
    const l = left.fn;
    const r = right.fn;
    if (left.type === 'number' && right.type === 'number') return { fn: numericCompare(node.op, l, r), type: 'boolean', pure: left.pure && right.pure };
    const source = this.source;
    const cmp = (a: ExprValue, b: ExprValue): number => {
      const x = a ?? (typeof b === 'string' ? '' : 0);
      const y = b ?? (typeof x === 'string' ? '' : 0);
      if (typeof x !== typeof y || typeof x === 'boolean') {
        throw new ExprError(`"${node.op}" compares a ${typeof x} with a ${typeof y}`, source, node.right.pos);
      }
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const fn: Fn =
      node.op === '<' ? (s, g) => cmp(l(s, g), r(s, g)) < 0
      : node.op === '<=' ? (s, g) => cmp(l(s, g), r(s, g)) <= 0
      : node.op === '>' ? (s, g) => cmp(l(s, g), r(s, g)) > 0
      : (s, g) => cmp(l(s, g), r(s, g)) >= 0;
    return { fn, type: 'boolean', pure: left.pure && right.pure };
  }

  private call(node: Extract<ExprNode, { kind: 'call' }>): Compiled {
    const spec = isFunctionName(node.name) ? FUNCTIONS[node.name]! : undefined;
    if (!spec) {
      const hint = suggestName(node.name, Object.keys(FUNCTIONS));
      throw new ExprError(
        `unknown function ${node.name}()${hint ? `; did you mean ${hint}()?` : ''} Available: ${Object.keys(FUNCTIONS).join(', ')}`,
        this.source,
        node.pos,
      );
    }
    if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs) {
      throw new ExprError(`${node.name}() takes ${arity(spec.minArgs, spec.maxArgs)}, got ${node.args.length}: ${spec.signature}`, this.source, node.pos);
    }
    const args = node.args.map((a) => this.compile(a));
    if (spec.random) this.random = true;
    let fns: Fn[] = args.map((a) => a.fn);
    if (spec.args === 'number') {
      fns = args.map((a, i) => {
        const pos = node.args[i]!.pos;
        this.expectType(a.type, 'number', pos, `${node.name}()`);
        if (a.type === 'number') return a.fn;
        const num = this.toNumber(pos);
        const f = a.fn;
        return (s, g) => num(f(s, g));
      });
    }
    const impl = spec.impl;
    const type: StaticType = spec.returns === 'same' ? commonType(args.map((a) => a.type)) : spec.returns;
    const pure = !spec.random && args.every((a) => a.pure);
    const direct = directCall(spec, fns);
    const fn: Fn = direct ??
      (fns.length === 1 ? ((f0) => (s: Scope, g: Rng) => impl([f0(s, g)], g))(fns[0]!)
      : fns.length === 2 ? ((f0, f1) => (s: Scope, g: Rng) => impl([f0(s, g), f1(s, g)], g))(fns[0]!, fns[1]!)
      : (s, g) => impl(fns.map((f) => f(s, g)), g));
    return { fn, type, pure };
  }

  private expectType(actual: StaticType, wanted: StaticType, pos: number, where: string): void {
    if (actual !== 'unknown' && actual !== wanted) {
      throw new ExprError(`${where} needs a ${wanted}, but this is a ${actual}`, this.source, pos);
    }
  }

  /** A runtime guard for values whose type could not be known at compile time. */
  private toNumber(pos: number): (v: ExprValue) => number {
    const source = this.source;
    return (v) => {
      if (typeof v === 'number') return v;
      if (v === null) return 0;
      throw new ExprError(`expected a number, got ${typeof v} ${JSON.stringify(v)}`, source, pos);
    };
  }
}

/** Both operands are numbers (or null, which JS arithmetic already reads as 0). */
function numericOp(op: BinaryOp, l: Fn, r: Fn): Fn {
  switch (op) {
    case '+':
      return (s, g) => (l(s, g) as number) + (r(s, g) as number);
    case '-':
      return (s, g) => (l(s, g) as number) - (r(s, g) as number);
    case '*':
      return (s, g) => (l(s, g) as number) * (r(s, g) as number);
    case '/':
      return (s, g) => {
        const x = l(s, g) as number;
        const d = r(s, g) as number;
        return d === 0 || d === null ? 0 : x / d;
      };
    default:
      return (s, g) => {
        const x = l(s, g) as number;
        const d = r(s, g) as number;
        return d === 0 || d === null ? 0 : x % d;
      };
  }
}

function numericCompare(op: BinaryOp, l: Fn, r: Fn): Fn {
  switch (op) {
    case '<':
      return (s, g) => (l(s, g) as number) < (r(s, g) as number);
    case '<=':
      return (s, g) => (l(s, g) as number) <= (r(s, g) as number);
    case '>':
      return (s, g) => (l(s, g) as number) > (r(s, g) as number);
    default:
      return (s, g) => (l(s, g) as number) >= (r(s, g) as number);
  }
}

/** Calls of fixed small arity without building an argument array on every evaluation. */
function directCall(spec: FunctionSpec, fns: Fn[]): Fn | undefined {
  const [f0, f1, f2] = fns;
  if (fns.length === 0 && spec.f0) {
    const f = spec.f0;
    return (_s, g) => f(g);
  }
  if (fns.length === 1 && spec.f1) {
    const f = spec.f1;
    return (s, g) => f(f0!(s, g) as number, g);
  }
  if (fns.length === 2 && spec.f2) {
    const f = spec.f2;
    return (s, g) => f(f0!(s, g) as number, f1!(s, g) as number, g);
  }
  if (fns.length === 3 && spec.f3) {
    const f = spec.f3;
    return (s, g) => f(f0!(s, g) as number, f1!(s, g) as number, f2!(s, g) as number, g);
  }
  return undefined;
}

function isPure(node: ExprNode): boolean {
  switch (node.kind) {
    case 'literal':
      return true;
    case 'ref':
      return false;
    case 'unary':
      return isPure(node.arg);
    case 'binary':
    case 'logical':
      return isPure(node.left) && isPure(node.right);
    case 'conditional':
      return isPure(node.test) && isPure(node.then) && isPure(node.otherwise);
    case 'call':
      return !FUNCTIONS[node.name]?.random && node.args.every(isPure);
  }
}

function truthy(v: ExprValue): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

function typeOfValue(v: ExprValue): StaticType {
  return v === null ? 'unknown' : (typeof v as StaticType);
}

function commonType(types: StaticType[]): StaticType {
  return types.every((t) => t === types[0]) ? (types[0] ?? 'unknown') : 'unknown';
}

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
}
