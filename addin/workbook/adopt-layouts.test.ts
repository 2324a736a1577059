/**
 * Adopting the sheets a user already has: ThinkingData's template and generator workbooks, put into
 * the fake Excel as Excel shows them (a merged range holds its value in the top-left cell only) and
 * read back through the Office gateway, parse like the .xlsx file does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readWorkbookBuffer } from '../../service/xlsx/index.ts';
import { parseWorkbook, type Cell, type SheetGrid } from '../../taxonomy/index.ts';
import { buildGeneratorWorkbook } from '../../testing/fixtures/generator-layouts.ts';
import { buildTdTemplate } from '../../testing/fixtures/td-template.ts';
import { createFakeExcel, installFakeExcel, type FakeCell } from '../../testing/fake-excel/index.ts';
import { OfficeGateway } from './office-gateway.ts';

let uninstall = () => undefined as void;
afterEach(() => uninstall());

/** Excel keeps a merged range's value in its top-left cell; the file reader copies it everywhere. */
function asExcelShowsIt(grid: SheetGrid): FakeCell[][] {
  const rows: Cell[][] = grid.rows.map((r) => [...r]);
  for (const m of grid.merges ?? []) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && rows[r]) rows[r]![c] = null;
    }
  }
  return rows.map((r) => r.map((c) => (c === null ? '' : c)));
}

async function readThroughOffice(file: Buffer) {
  const grids = await readWorkbookBuffer(file);
  const host = createFakeExcel({ sheets: grids.map((g) => ({ name: g.name, rows: asExcelShowsIt(g), hidden: g.hidden ?? false })) });
  uninstall = installFakeExcel(host);
  host.resetStats();
  const read = await new OfficeGateway().readSheets();
  return { fromFile: parseWorkbook(grids), fromOffice: parseWorkbook(read), syncs: host.stats.syncs };
}

describe('adopting existing workbooks through the Office gateway', () => {
  it('reads the ThinkingData template as the file reader does, in two syncs', async () => {
    const { fromFile, fromOffice, syncs } = await readThroughOffice(await buildTdTemplate());
    expect(syncs).toBe(2);
    expect(fromOffice.layout).toBe('td-template');
    expect(fromOffice.taxonomy.events.length).toBeGreaterThan(0);
    expect(fromOffice.taxonomy).toEqual(fromFile.taxonomy);
  });

  it.each(['korean', 'english'] as const)('reads the %s generator workbook (the English one merges event cells)', async (layout) => {
    const { fromFile, fromOffice } = await readThroughOffice(await buildGeneratorWorkbook(layout));
    expect(fromOffice.layout).toBe('td-generator');
    expect(fromOffice.taxonomy.events.length).toBeGreaterThan(0);
    expect(fromOffice.taxonomy.events).toEqual(fromFile.taxonomy.events);
    expect(fromOffice.taxonomy.funnels).toEqual(fromFile.taxonomy.funnels);
  });
});
