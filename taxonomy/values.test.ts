import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedValues } from '../testing/taxonomy-arbitrary.ts';
import { formatAllowedValues, parseAllowedValues } from './values.ts';

describe('allowed values text', () => {
  it('reads ranges, lists and weighted lists', () => {
    expect(parseAllowedValues('1..100')).toEqual({ ok: true, value: { kind: 'range', min: 1, max: 100 } });
    expect(parseAllowedValues('0.5 ~ 9.5 (decimals: 2)')).toEqual({ ok: true, value: { kind: 'range', min: 0.5, max: 9.5, decimals: 2 } });
    expect(parseAllowedValues('-10..-1')).toEqual({ ok: true, value: { kind: 'range', min: -10, max: -1 } });
    expect(parseAllowedValues('a, b, 3, TRUE')).toEqual({ ok: true, value: { kind: 'list', values: ['a', 'b', 3, true] } });
    expect(parseAllowedValues('a:60%, b:40%')).toEqual({ ok: true, value: { kind: 'weighted', values: [{ value: 'a', weight: 60 }, { value: 'b', weight: 40 }] } });
    expect(parseAllowedValues('"35", 35')).toEqual({ ok: true, value: { kind: 'list', values: ['35', 35] } });
    expect(parseAllowedValues('"a, b":1, "say ""hi""":2')).toEqual({
      ok: true,
      value: { kind: 'weighted', values: [{ value: 'a, b', weight: 1 }, { value: 'say "hi"', weight: 2 }] },
    });
  });
  it('explains what is wrong', () => {
    const unclosed = parseAllowedValues('"abc, d');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/not closed/);
    const mixed = parseAllowedValues('a:1, b');
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.message).toMatch(/every value a weight/);
  });
  it('quotes text that would otherwise read back as something else', () => {
    expect(formatAllowedValues({ kind: 'list', values: ['35', 35, 'true', true, 'a:b', ' x', '1..2'] })).toBe('"35", 35, "true", true, "a:b", " x", "1..2"');
  });
  it('round-trips every allowed value exactly, numbers and text kept apart', () => {
    fc.assert(
      fc.property(allowedValues, (a) => {
        expect(parseAllowedValues(formatAllowedValues(a))).toEqual({ ok: true, value: a });
      }),
      { numRuns: 500 },
    );
  });
});
