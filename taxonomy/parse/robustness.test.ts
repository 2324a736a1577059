import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, SheetGrid } from '../grid.ts';
import { EVENT_ROW_COLUMNS, headerLabel, HEADERS, PRODUCT_FIELDS, productFieldLabel, READ_COLUMNS, SHEET_KINDS, sheetLabel, SHEETS, TYPES, UPDATES, type ProductField } from '../layout.ts';
import { LANGUAGES, TaxonomySchema } from '../model.ts';
import { parseWorkbook } from './workbook.ts';

const labelsOf = (table: Record<string, { labels: Record<string, string>; aliases?: readonly string[] }>) =>
  Object.values(table).flatMap((e) => [...Object.values(e.labels), ...(e.aliases ?? [])]);

const sheetNames = [...labelsOf(SHEETS), '#이벤트 데이터', '#Events', '#유저 데이터', 'UserData', '#Funnels', '설명', 'Sheet1'];
const words = [...labelsOf(HEADERS), ...labelsOf(TYPES), ...labelsOf(UPDATES), ...labelsOf(PRODUCT_FIELDS), ...LANGUAGES, '1..5', 'a:1, b', '"x', '35%', '-', 'rewards.item_id'];

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.tuple(fc.constantFrom(...words), fc.constantFrom('', ' (필수)', '*', ' (required)')).map(([w, note]) => w + note),
  fc.string(),
  fc.constantFrom('1e999..2', 'a:1e999, b:1', '-5', 'KR:-5, US:1', '-, 2, 0.5', '150%', '0', '-3', '2026-02-30'),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308),
);
const grid: fc.Arbitrary<SheetGrid> = fc.record(
  {
    name: fc.oneof(fc.constantFrom(...sheetNames), fc.string()),
    rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
    hidden: fc.boolean(),
    merges: fc.array(fc.record({ top: fc.nat(12), left: fc.nat(9), bottom: fc.nat(12), right: fc.nat(9) }), { maxLength: 3 }),
  },
  { requiredKeys: ['name', 'rows'] },
);

/** Sheets that look right (a known name, a real header row) with arbitrary cells below. */
const language = fc.constantFrom(...LANGUAGES);
const structuredGrid: fc.Arbitrary<SheetGrid> = fc.oneof(
  fc.tuple(language, fc.array(fc.tuple(fc.constantFrom(...(Object.keys(PRODUCT_FIELDS) as ProductField[])), cell), { maxLength: 20 })).map(([lang, rows]) => ({
    name: sheetLabel('product', lang),
    rows: [['Field', 'Value'], ...rows.map(([field, value]) => [productFieldLabel(field, lang), value])],
  })),
  fc
    .tuple(
      fc.constantFrom(...SHEET_KINDS.filter((k) => k !== 'product')),
      language,
      fc.boolean(),
      fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 15 }),
    )
    .map(([kind, lang, rowsShape, rows]) => {
      const keys = kind === 'events' && rowsShape ? EVENT_ROW_COLUMNS : READ_COLUMNS[kind];
      return { name: sheetLabel(kind, lang), rows: [keys.map((k) => headerLabel(k, lang)), ...rows] };
    }),
);

describe('parseWorkbook on arbitrary grids', () => {
  it('never throws on sheets with real headers and arbitrary cells, and always yields a schema-valid taxonomy', () => {
    fc.assert(
      fc.property(fc.array(structuredGrid, { maxLength: 7 }), (grids) => {
        const { taxonomy, issues } = parseWorkbook(grids);
        expect(TaxonomySchema.safeParse(taxonomy).error).toBeUndefined();
        for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 250 },
    );
  });

  it('never throws, and every issue has a sheet, a code and a message', () => {
    fc.assert(
      fc.property(fc.array(grid, { maxLength: 8 }), (grids) => {
        const { issues, taxonomy } = parseWorkbook(grids);
        // Whatever the input, the result is a taxonomy the rest of the system can accept as is.
        expect(TaxonomySchema.safeParse(taxonomy).error).toBeUndefined();
        for (const issue of issues) {
          expect(issue.sheet).toEqual(expect.any(String));
          expect(issue.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
          expect(issue.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads a 100k-row event sheet in one pass', () => {
    const rows: Cell[][] = [['event_name', 'event_alias', 'event_description', 'event_tag', 'property_name', 'property_alias', 'property_type', 'property_description']];
    for (let i = 0; i < 100_000; i++) rows.push([`event_${i % 400}`, '', '', '', `prop_${i % 900}`, '', i % 2 ? 'number' : 'string', '']);
    const { taxonomy, issues } = parseWorkbook([{ name: '#Events', rows }]);
    expect(taxonomy.events).toHaveLength(400);
    // prop_k keeps its type (k odd ⇒ … every row with the same k has the same i parity), so 900 properties.
    expect(taxonomy.eventProperties).toHaveLength(900);
    expect(issues.map((i) => i.code)).toEqual(['limit.recommended', 'limit.recommended']);
  });
});
