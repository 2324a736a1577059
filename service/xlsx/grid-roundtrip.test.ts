/** Any grid of plain values survives write → read unchanged (property-based). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, SheetGrid } from '../../taxonomy/index.ts';
import { readWorkbookBuffer } from './read-workbook.ts';
import { writeWorkbookBuffer } from './write-workbook.ts';

// Text as users type it (any script, spaces, quotes, leading "="), without the control characters
// XML 1.0 cannot carry; empty text is a blank cell in a spreadsheet, so it is left out.
function xmlSafe(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter(xmlSafe);
// A spreadsheet cell has no negative zero: -0 is written as 0, so the grids hold 0 instead.
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const cell: fc.Arbitrary<Cell> = fc.oneof(text, number, fc.integer(), fc.boolean(), fc.constant(null));
const row = fc.array(cell, { maxLength: 6 }).map((r) => {
  while (r.length > 0 && r[r.length - 1] === null) r.pop();
  return r;
});
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}$/).filter((n) => !['instructions', 'lists'].includes(n.trim().toLowerCase()) && n.trim() === n);
const grid: fc.Arbitrary<SheetGrid> = fc.record({ name, rows: fc.array(row, { minLength: 1, maxLength: 8 }) }).map((g) => {
  while (g.rows.length > 0 && g.rows[g.rows.length - 1]!.length === 0) g.rows.pop();
  return g;
});
const grids = fc.uniqueArray(grid, { minLength: 1, maxLength: 3, selector: (g) => g.name.toLowerCase() });

describe('write → read', () => {
  it('returns every value of any grid unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(grids, async (input) => {
        const read = await readWorkbookBuffer(await writeWorkbookBuffer(input, { language: 'en' }));
        const byName = new Map(read.map((g) => [g.name, g.rows]));
        for (const g of input) expect(byName.get(g.name)).toEqual(g.rows);
      }),
      { numRuns: 40 },
    );
  });
});
