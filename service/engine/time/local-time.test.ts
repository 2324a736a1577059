import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLocalTime, isoText } from './local-time.ts';

describe('formatLocalTime', () => {
  it('is the ISO text with a space, for any time from 1970 to 9999', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => formatLocalTime(ms) === isoText(ms)), { numRuns: 20_000 });
  });

  it('gets day and year boundaries, leap days and alternating days right', () => {
    const cases = [0, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1)];
    // Days that share a cache slot, in turn.
    for (let i = 0; i < 6; i++) cases.push(Date.UTC(2026, 0, 1) + (i % 2) * 64 * 86_400_000 + i * 1_234_567);
    for (const ms of cases) expect(formatLocalTime(ms)).toBe(isoText(ms));
    expect(formatLocalTime(Date.UTC(2026, 2, 2, 9, 5, 7, 42))).toBe('2026-03-02 09:05:07.042');
  });

  it('falls back to the ISO text outside four-digit years', () => {
    expect(formatLocalTime(-1)).toBe(isoText(-1));
    expect(formatLocalTime(Date.UTC(-5, 0, 1))).toBe(isoText(Date.UTC(-5, 0, 1)));
  });
});
