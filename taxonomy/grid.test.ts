import { describe, expect, it } from 'vitest';
import { cellAddress, columnLetter } from './grid.ts';

describe('columnLetter', () => {
  it('maps zero-based indexes to spreadsheet letters across the Z/AA boundary', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('builds A1 addresses', () => {
    expect(cellAddress(6, 1)).toBe('B7');
  });
});
