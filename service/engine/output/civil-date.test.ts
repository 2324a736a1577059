import { describe, expect, it } from 'vitest';
import { civilDate } from './byte-writer.ts';

describe('civilDate', () => {
  it('agrees with Date for every day from 1900 to 2200, leap days and year ends included', () => {
    const out = new Uint8Array(11);
    const decoder = new TextDecoder();
    for (let days = -25_567; days < 84_000; days++) {
      civilDate(days, out);
      const expected = `${new Date(days * 86_400_000).toISOString().slice(0, 10)} `;
      if (decoder.decode(out) !== expected) expect(decoder.decode(out)).toBe(expected);
    }
    civilDate(20_512, out);
    expect(decoder.decode(out)).toBe('2026-02-28 ');
  });
});
