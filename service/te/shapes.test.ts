import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordValidator } from './validate.ts';

/**
 * Names that exercise name rules, case collisions and presets; templates reuse them so shapes repeat.
 * Mostly good ones, so that many records are clean and shapes get verified.
 */
const name = fc.oneof(
  { arbitrary: fc.constantFrom('level', 'item', 'price', 'tags', '#zone_offset', '#os', 'gear', 'at'), weight: 8 },
  { arbitrary: fc.constantFrom('Level', 'a', '#made_up'), weight: 1 },
);
const recordType = fc.oneof(
  { arbitrary: fc.constant('track'), weight: 6 },
  { arbitrary: fc.constantFrom('user_set', 'user_add', 'user_append', 'user_unset', 'user_del', 'event'), weight: 1 },
);

/** Values of every class, including ones over a limit, so a repeated shape changes value types. */
const value = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 20 }), weight: 6 },
  { arbitrary: fc.constantFrom(1e16, -1e16, 9e15, 0.5), weight: 1 },
  { arbitrary: fc.constantFrom('x', 'sku-1', '2026-01-01 10:00:00'), weight: 4 },
  { arbitrary: fc.constantFrom('2026-02-30 10:00:00', 'é'.repeat(1025), 'y'.repeat(700)), weight: 1 },
  { arbitrary: fc.boolean(), weight: 3 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constantFrom([], ['a'], ['a', 'b']), weight: 3 },
  { arbitrary: fc.constantFrom(['a', 1], ['z'.repeat(86)], ['é'.repeat(100)]), weight: 1 },
  { arbitrary: fc.constantFrom({ slot: 'head' }, { Slot: 1 }, [{ sku: 'a' }], [{ sku: 1 }, { sku: 'b' }]), weight: 1 },
);

const templates = fc.array(fc.uniqueArray(name, { maxLength: 4 }), { minLength: 1, maxLength: 2 });

/** One step: validate or dry-run a record (template index, values, type, app id), or reset a lock table. */
const step = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('validate', 'validate', 'validate', 'check'),
      template: fc.nat(),
      values: fc.array(value, { minLength: 4, maxLength: 4 }),
      type: recordType,
      // Often the template's previous values with one of them changed: a known shape, or a known
      // shape but for one value's type.
      same: fc.boolean(),
      change: fc.nat(3),
      appId: fc.constantFrom('app-1', 'app-1', 'app-2'),
      badTime: fc.nat(9).map((n) => n === 0),
    }),
    weight: 20,
  },
  { arbitrary: fc.record({ kind: fc.constant('reset' as const), appId: fc.constantFrom('app-1', 'app-2', undefined) }), weight: 1 },
);

describe('shape fast path', () => {
  it('gives the same issues and locks as the full check, whatever values a repeated shape holds', () => {
    fc.assert(
      fc.property(templates, fc.array(step, { minLength: 20, maxLength: 80 }), fc.boolean(), (keySets, steps, typeLock) => {
        const fast = createRecordValidator({ typeLock });
        const full = createRecordValidator({ typeLock, shapeCache: false });
        const previous = new Map<string[], unknown[]>();
        for (const s of steps) {
          if (s.kind === 'reset') {
            fast.reset(s.appId);
            full.reset(s.appId);
            continue;
          }
          const keys = keySets[s.template % keySets.length]!;
          const before = previous.get(keys);
          const values = s.same && before ? before.map((v, i) => (i === s.change ? s.values[i] : v)) : s.values;
          previous.set(keys, values);
          const properties = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
          const record = {
            '#type': s.type,
            '#time': s.badTime ? '2026-01-01' : '2026-01-01 10:00:00.000',
            '#account_id': 'u1',
            '#event_name': 'login',
            properties,
          };
          expect(fast[s.kind](record, s.appId)).toEqual(full[s.kind](record, s.appId));
        }
        for (const appId of ['app-1', 'app-2']) expect(fast.lockedTypes(appId)).toEqual(full.lockedTypes(appId));
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('still fires the type lock when a known shape comes back with another value type', () => {
    const v = createRecordValidator();
    const record = (price: unknown) => ({ '#type': 'track', '#time': '2026-01-01 10:00:00', '#distinct_id': 'd', '#event_name': 'buy', properties: { item: 'x', price } });
    expect(v.validate(record(12), 'app')).toEqual([]);
    expect(v.validate(record(13), 'app')).toEqual([]);
    expect(v.validate(record('12'), 'app').map((i) => `${i.field}:${i.code}`)).toEqual(['properties.price:type_lock']);
    expect(v.validate(record(1e16), 'app').map((i) => `${i.field}:${i.code}`)).toEqual(['properties.price:number_out_of_range']);
    v.reset('app');
    expect(v.validate(record('12'), 'app')).toEqual([]);
    expect(v.validate(record(12), 'app').map((i) => `${i.field}:${i.code}`)).toEqual(['properties.price:type_lock']);
  });
});
