import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { mobileGame } from '../../examples/mobile-game.ts';
import { COLUMNS, sheetLabel, typeLabels, updateLabels } from '../../taxonomy/layout.ts';
import { LANGUAGES, parseWorkbook, renderWorkbook } from '../../taxonomy/index.ts';
import { instructionsFor } from './instructions.ts';
import { readWorkbookBuffer } from './read-workbook.ts';
import { LISTS_SHEET, writeWorkbookBuffer } from './write-workbook.ts';

type Validation = { type: string; formulae: string[] };

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function validationAt(ws: ExcelJS.Worksheet, address: string): Validation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model[address];
}

describe.each(LANGUAGES)('writeWorkbookBuffer in %s', (language) => {
  it('reads back to the same taxonomy', async () => {
    const buf = await writeWorkbookBuffer(renderWorkbook(mobileGame, language), { language });
    const parsed = parseWorkbook(await readWorkbookBuffer(buf));
    expect(parsed.taxonomy).toEqual(mobileGame);
    expect(parsed.issues).toEqual([]);
  });

  it('formats: instructions first, styled frozen headers, fitted widths, dropdowns from a hidden lists sheet', async () => {
    const wb = await open(await writeWorkbookBuffer(renderWorkbook(mobileGame, language), { language }));
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names[0]).toBe(instructionsFor(language).sheetName);
    expect(names.at(-1)).toBe(LISTS_SHEET);
    expect(wb.getWorksheet(LISTS_SHEET)?.state).toBe('hidden');

    const instructions = wb.worksheets[0]!;
    expect(instructions.getCell('A1').value).toBe(instructionsFor(language).title);
    expect(String(instructions.getColumn(2).values.join(' '))).toContain(typeLabels(language).join(', '));

    const lists = wb.getWorksheet(LISTS_SHEET)!;
    expect(typeLabels(language).map((_, i) => lists.getCell(`A${i + 1}`).value)).toEqual(typeLabels(language));
    expect(updateLabels(language).map((_, i) => lists.getCell(`B${i + 1}`).value)).toEqual(updateLabels(language));

    const userSheet = wb.getWorksheet(sheetLabel('userProperties', language))!;
    expect(userSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(userSheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const typeCol = COLUMNS.userProperties.indexOf('type');
    const updateCol = COLUMNS.userProperties.indexOf('update');
    const letter = (i: number) => String.fromCharCode(65 + i);
    expect(validationAt(userSheet, `${letter(typeCol)}2`)).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$A$1:$A$${typeLabels(language).length}`] });
    expect(validationAt(userSheet, `${letter(updateCol)}999`)).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$B$1:$B$${updateLabels(language).length}`] });
    expect(validationAt(userSheet, 'A2')).toBeUndefined();
    for (let c = 1; c <= COLUMNS.userProperties.length; c++) expect(userSheet.getColumn(c).width).toBeGreaterThanOrEqual(10);

    const eventProps = wb.getWorksheet(sheetLabel('eventProperties', language))!;
    expect(validationAt(eventProps, `${letter(COLUMNS.eventProperties.indexOf('type'))}2`)?.type).toBe('list');

    // The Product sheet is key/value: bold labels down column A, no dropdowns.
    const product = wb.getWorksheet(sheetLabel('product', language))!;
    expect(product.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(validationAt(product, 'B2')).toBeUndefined();
  });
});

describe('writeWorkbookBuffer', () => {
  it('replaces the generated sheets of a workbook it wrote before instead of duplicating them', async () => {
    const first = await readWorkbookBuffer(await writeWorkbookBuffer(renderWorkbook(mobileGame, 'ko'), { language: 'ko' }));
    const again = await readWorkbookBuffer(await writeWorkbookBuffer(first, { language: 'en' }));
    expect(again.map((g) => g.name)).toEqual(['Instructions', ...renderWorkbook(mobileGame, 'ko').map((g) => g.name), LISTS_SHEET]);
    expect(parseWorkbook(again).taxonomy).toEqual(mobileGame);
  });

  it('keeps merges and hidden sheets of the grids it is given', async () => {
    const buf = await writeWorkbookBuffer(
      [
        { name: '#Events', rows: [['event_name', 'property_name'], ['login', 'method'], ['login', 'channel']], merges: [{ top: 1, left: 0, bottom: 2, right: 0 }] },
        { name: 'Notes', hidden: true, rows: [['x']] },
      ],
      { language: 'en' },
    );
    const grids = await readWorkbookBuffer(buf);
    const events = grids.find((g) => g.name === '#Events');
    expect(events?.merges).toEqual([{ top: 1, left: 0, bottom: 2, right: 0 }]);
    expect(events?.rows).toEqual([['event_name', 'property_name'], ['login', 'method'], ['login', 'channel']]);
    expect(grids.find((g) => g.name === 'Notes')?.hidden).toBe(true);
    // No type or update column, so no lists sheet either.
    expect(grids.map((g) => g.name)).not.toContain(LISTS_SHEET);
  });
});
