import { describe, expect, it } from 'vitest';
import { calibrationWarningsOf, countsOf } from './run-manifest.ts';

describe('run manifest', () => {
  it('reads the counts and the calibration warnings', () => {
    const manifest = { counts: { records: 1200, users: 80 }, calibration: { warnings: ['DAU/MAU is stated as 22.0 %, but these rules give about 12.1 %.'] } };
    expect(countsOf(manifest)).toEqual({ records: 1200, users: 80 });
    expect(calibrationWarningsOf(manifest)).toEqual(['DAU/MAU is stated as 22.0 %, but these rules give about 12.1 %.']);
  });

  it('gives zeros and no warnings for a manifest without them, and drops anything that is not text', () => {
    expect(countsOf(null)).toEqual({ records: 0, users: 0 });
    expect(calibrationWarningsOf(null)).toEqual([]);
    expect(calibrationWarningsOf({ calibration: {} })).toEqual([]);
    expect(calibrationWarningsOf({ calibration: { warnings: ['a', 3, null, 'b'] } })).toEqual(['a', 'b']);
  });
});
