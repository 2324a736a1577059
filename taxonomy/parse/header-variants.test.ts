import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomy as taxonomyArb } from '../../testing/taxonomy-arbitrary.ts';
import type { Cell, SheetGrid } from '../grid.ts';
import { COLUMNS, headerIndex, HEADERS, READ_COLUMNS, SHEET_KINDS, SHEETS } from '../layout.ts';
import { LANGUAGES } from '../model.ts';
import { renderWorkbook } from '../render.ts';
import { parseWorkbook } from './workbook.ts';

/** Every header spelling that reads back as `key` on a sheet of `kind`. */
function spellings(kind: (typeof SHEET_KINDS)[number], key: string): string[] {
  const index = headerIndex(READ_COLUMNS[kind]);
  const entry = HEADERS[key]!;
  return [...Object.values(entry.labels), ...(entry.aliases ?? [])].filter((s) => index.get(s) === key);
}
function sheetSpellings(kind: (typeof SHEET_KINDS)[number]): string[] {
  return [...Object.values(SHEETS[kind].labels), ...(SHEETS[kind].aliases ?? [])];
}

/** A rendered sheet as a person might have rearranged it: columns moved, headers reworded, a title above. */
const rearranged = (grid: SheetGrid, kind: (typeof SHEET_KINDS)[number], keys: readonly string[]): fc.Arbitrary<SheetGrid> =>
  fc
    .record({
      order: fc.shuffledSubarray(keys.map((_, i) => i), { minLength: keys.length, maxLength: keys.length }),
      labels: fc.tuple(...keys.map((k) => fc.constantFrom(...spellings(kind, k)))),
      note: fc.constantFrom('', ' (필수)', '*', ' (required)', '（必填）'),
      titleRows: fc.integer({ min: 0, max: 3 }),
      name: fc.constantFrom(...sheetSpellings(kind)),
    })
    .map(({ order, labels, note, titleRows, name }) => {
      const header: Cell[] = order.map((i) => `${labels[i]}${note}`);
      const body = grid.rows.slice(1).map((row) => order.map((i) => row[i] ?? null));
      const titles: Cell[][] = Array.from({ length: titleRows }, (_, i) => (i === 0 ? ['Tracking plan, v2'] : []));
      return { name, rows: [...titles, header, ...body] };
    });

describe('parseWorkbook reads headers wherever and however they are written', () => {
  it('returns the same taxonomy after columns are moved, headers reworded and title rows added', () => {
    const workbook = fc
      .tuple(taxonomyArb, fc.constantFrom(...LANGUAGES))
      .chain(([t, lang]) => {
        const grids = renderWorkbook(t, lang);
        const sheets = SHEET_KINDS.map((kind, i) => (kind === 'product' ? fc.constant(grids[i]!) : rearranged(grids[i]!, kind, COLUMNS[kind])));
        return fc.tuple(fc.constant(t), fc.tuple(...sheets));
      });
    fc.assert(
      fc.property(workbook, ([t, grids]) => {
        expect(parseWorkbook(grids).taxonomy).toEqual(t);
      }),
      { numRuns: 100 },
    );
  });
});
