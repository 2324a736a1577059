import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula, ExprError, MAX_DEPTH, type StaticType } from './index.ts';
import { Rng } from '../random/prng.ts';

/** The engine's own seeded stream, as a draw function. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const typed = new Map<string, StaticType>([
  ['level', 'number'],
  ['price', 'number'],
  ['quantity', 'number'],
  ['country', 'string'],
  ['is_vip', 'boolean'],
  ['xp', 'number'],
  ['rewards.item_id', 'string'],
  ['#zone_offset', 'number'],
]);

function run(source: string, scope: Record<string, unknown> = {}, seed = 1) {
  return compileFormula(source, { names: typed }).evaluate(scope as never, rng(seed));
}

function errorOf(source: string, names: Iterable<string> | Map<string, StaticType> = typed): ExprError {
  try {
    compileFormula(source, { names });
  } catch (e) {
    expect(e).toBeInstanceOf(ExprError);
    return e as ExprError;
  }
  throw new Error(`expected "${source}" to fail`);
}

describe('evaluation', () => {
  it('follows arithmetic precedence and associativity', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('2 * 3 % 4')).toBe(2);
    expect(run('-2 * -3')).toBe(6);
    expect(run('1.5e2 + .5')).toBe(150.5);
  });

  it('reads properties by name, including dotted and # names', () => {
    expect(run('price * quantity', { price: 2.5, quantity: 4 })).toBe(10);
    expect(run('rewards.item_id == "sword"', { 'rewards.item_id': 'sword' })).toBe(true);
    expect(run('#zone_offset + 1', { '#zone_offset': 9 })).toBe(10);
  });

  it('treats a missing value as null, which counts as 0 in arithmetic', () => {
    expect(run('level * 100')).toBe(0);
    expect(run('level == null')).toBe(true);
  });

  it('supports comparisons, logic, ternaries and string equality', () => {
    expect(run('level >= 10 && country == "KR"', { level: 12, country: 'KR' })).toBe(true);
    expect(run('level >= 10 && country == "KR"', { level: 12, country: 'JP' })).toBe(false);
    expect(run('!is_vip || level > 50', { is_vip: true, level: 3 })).toBe(false);
    expect(run('level > 10 ? "high" : level > 5 ? "mid" : "low"', { level: 7 })).toBe('mid');
    expect(run("country + '-' + 'x'", { country: 'US' })).toBe('US-x');
    expect(run(`country == ${JSON.stringify('a"b\u0001\u2028한')}`, { country: 'a"b\u0001\u2028한' })).toBe(true);
    expect(run('"b" > "a"')).toBe(true);
  });

  it('calls the whitelisted functions', () => {
    expect(run('min(level, 99)', { level: 120 })).toBe(99);
    expect(run('max(1, 5, 3)')).toBe(5);
    expect(run('round(3.14159, 2)')).toBe(3.14);
    expect(run('floor(2.7) + ceil(2.1) + abs(-1)')).toBe(6);
    expect(run('clamp(150, 0, 100)')).toBe(100);
    expect(run('pow(2, 10)')).toBe(1024);
    expect(run('sqrt(-4)')).toBe(0);
  });

  it('reads a missing value as 0 in every number function and comparison', () => {
    expect(run('min(level, 5)')).toBe(0);
    expect(run('max(level, -5)')).toBe(0);
    expect(run('round(level, 1) + floor(level) + ceil(level) + abs(level)')).toBe(0);
    expect(run('clamp(level, 1, 9)')).toBe(1);
    expect(run('level < 1')).toBe(true);
    expect(run('price / level', { price: 3 })).toBe(0);
  });

  it('keeps arithmetic total: division by zero and overflow give 0', () => {
    expect(run('price / quantity', { price: 5, quantity: 0 })).toBe(0);
    expect(run('7 % 0')).toBe(0);
    expect(run('pow(10, 400)')).toBe(0);
  });

  it('draws randomness only from the PRNG it is given, deterministically', () => {
    const f = compileFormula('xp = level * 100 + randInt(0, 50)', { names: typed });
    expect(f.target).toBe('xp');
    expect(f.random).toBe(true);
    expect(f.references).toEqual(['level']);
    const a = Array.from({ length: 200 }, ((g) => () => f.evaluate({ level: 3 }, g))(rng(7)));
    const b = Array.from({ length: 200 }, ((g) => () => f.evaluate({ level: 3 }, g))(rng(7)));
    expect(a).toEqual(b);
    for (const v of a) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v as number).toBeGreaterThanOrEqual(300);
      expect(v as number).toBeLessThanOrEqual(350);
    }
    expect(new Set(a).size).toBeGreaterThan(20);
  });

  it('keeps rand within its bounds and pick within its arguments', () => {
    const g = rng(3);
    const r = compileFormula('rand(5, 6)', { names: [] });
    const p = compileFormula('pick("a", "b", "c")', { names: [] });
    expect(p.type).toBe('string');
    for (let i = 0; i < 500; i++) {
      const v = r.evaluate({}, g) as number;
      expect(v >= 5 && v < 6).toBe(true);
      expect(['a', 'b', 'c']).toContain(p.evaluate({}, g));
    }
  });

  it('infers result types so callers can check them against property types', () => {
    const t = (s: string) => compileFormula(s, { names: typed }).type;
    expect(t('level * 2')).toBe('number');
    expect(t('level > 2')).toBe('boolean');
    expect(t('country + "!"')).toBe('string');
    expect(t('is_vip ? 1 : 2')).toBe('number');
    expect(t('is_vip ? 1 : "x"')).toBe('unknown');
  });
});

describe('errors', () => {
  it('rejects unknown names at compile time with a suggestion and the position', () => {
    const e = errorOf('price * quantty');
    expect(e.position).toBe(8);
    expect(e.message).toContain('unknown name "quantty"; did you mean "quantity"?');
    expect(e.message).toContain('position 9');
    expect(errorOf('Level + 1').message).toContain('did you mean "level"');
  });

  it('rejects unknown functions and wrong arity', () => {
    expect(errorOf('random(1, 2)').message).toMatch(/unknown function random\(\); did you mean rand\(\)\?/);
    expect(errorOf('clamp(1, 2)').message).toContain('clamp() takes 3 arguments, got 2');
    expect(errorOf('min').message).toContain('is a function');
  });

  it('rejects type mismatches it can see before evaluating', () => {
    expect(errorOf('country * 2').message).toContain('needs a number, but this is a string');
    expect(errorOf('level == "3"').message).toContain('compares a number with a string');
    expect(errorOf('is_vip < 3').message).toContain('cannot order booleans');
    expect(errorOf('min(country, 3)').position).toBe(4);
  });

  it('explains syntax errors with the position', () => {
    expect(errorOf('price * * 2').position).toBe(8);
    expect(compileFormula('level = level + 1', { names: typed }).target).toBe('level');
    expect(errorOf('level >= 1 = 2').message).toContain('use == to compare');
    expect(errorOf('(1 + 2').message).toContain('expected ")"');
    expect(errorOf('"abc').message).toContain('string is not closed');
    expect(errorOf('a & b', ['a', 'b']).message).toContain('use &&');
    expect(errorOf('').message).toContain('empty');
    expect(errorOf('1 2').message).toContain('after a complete expression');
    expect(errorOf('3x').message).toContain('cannot run into a name');
  });

  it('refuses assignment when the caller wants a bare expression, and unknown targets', () => {
    expect(() => compileFormula('xp = 1', { names: typed, allowTarget: false })).toThrow(ExprError);
    expect(errorOf('gold = 1').message).toContain('unknown name "gold"');
  });

  it('fails at run time with its own error when an untyped name holds the wrong kind of value', () => {
    const f = compileFormula('a * 2', { names: ['a'] });
    expect(() => f.evaluate({ a: 'x' }, rng(1))).toThrow(ExprError);
    expect(f.evaluate({ a: 4 }, rng(1))).toBe(8);
  });

  it('caps nesting depth, including long flat chains', () => {
    const deep = '('.repeat(MAX_DEPTH + 5) + '1' + ')'.repeat(MAX_DEPTH + 5);
    expect(errorOf(deep).message).toContain('nests deeper');
    const chain = Array.from({ length: MAX_DEPTH + 5 }, () => '1').join(' + ');
    expect(errorOf(chain).message).toContain('nests deeper');
    expect(errorOf('-'.repeat(500) + '1').message).toContain('nests deeper');
  });
});

describe('robustness (property-based)', () => {
  const alphabet = fc.constantFrom(...'ab1 .()+-*/%<>=!&|?:,"\'\\_#xlevelpricemin(rand)'.split(''), 'level', 'min(', 'rand(', '&&', '||', '==', ' ? ', ' : ');
  const names = ['a', 'b', 'level', 'price', 'x'];

  it('never throws anything but ExprError, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(alphabet, { maxLength: 40 }).map((p) => p.join(''))), (source) => {
        try {
          const f = compileFormula(source, { names });
          const v = f.evaluate({ a: 1, b: 'q', level: 3, price: 2.5, x: true }, rng(1));
          expect(['number', 'string', 'boolean', 'object']).toContain(typeof v);
          if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          expect(e.position).toBeGreaterThanOrEqual(0);
          expect(e.position).toBeLessThanOrEqual(source.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same results whether or not the names\' types are known', () => {
    const ops = ['+', '-', '*', '/', '%', '<', '>=', '=='];
    const term = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: -9, max: 9 }).map(String));
    const formula = fc.tuple(term, fc.constantFrom(...ops), term, fc.constantFrom('min', 'max', 'round', 'abs'), term).map(([x, op, y, fn, z]) => `${fn}(${x} ${op} ${y}${fn === 'abs' ? '' : `, ${z}`})`);
    const value = fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined });
    fc.assert(
      fc.property(formula, value, value, value, (src, a, b, c) => {
        const typedNames = new Map<string, StaticType>([['a', 'number'], ['b', 'number'], ['c', 'number']]);
        let typed: unknown;
        try {
          typed = compileFormula(src, { names: typedNames }).evaluate({ a, b, c }, rng(1));
        } catch (e) {
          // Comparisons give booleans, which number functions reject before evaluating.
          expect(e).toBeInstanceOf(ExprError);
          return;
        }
        expect(compileFormula(src, { names: ['a', 'b', 'c'] }).evaluate({ a, b, c }, rng(1))).toBe(typed);
      }),
      { numRuns: 500 },
    );
  });

  it('evaluates generated well-formed arithmetic like JavaScript does', () => {
    const leaf = fc.integer({ min: -50, max: 50 }).map((n) => ({ src: n < 0 ? `(${n})` : `${n}`, value: n }));
    const expr = fc.letrec<{ node: { src: string; value: number } }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('node'), fc.constantFrom('+', '-', '*'), tie('node')).map(([l, op, r]) => ({
          src: `(${l.src} ${op} ${r.src})`,
          value: op === '+' ? l.value + r.value : op === '-' ? l.value - r.value : l.value * r.value,
        })),
      ),
    })).node;
    fc.assert(
      fc.property(expr, (e) => {
        const got = compileFormula(e.src, { names: [] }).evaluate({}, rng(1));
        expect(got).toBe(e.value === 0 ? 0 : e.value);
      }),
      { numRuns: 500 },
    );
  });
});
