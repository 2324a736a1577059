/**
 * `SheetGrid[]` → a formatted .xlsx a person is happy to edit: an instructions sheet first, styled
 * and frozen header rows, column widths fitted to the content, dropdowns on the type and
 * update-method columns fed from a hidden lists sheet, and the Product sheet as key/value pairs.
 */
import ExcelJS from 'exceljs';
import { columnLetter, type Cell, type SheetGrid } from '../../taxonomy/grid.ts';
import { typeLabels, updateLabels } from '../../taxonomy/layout.ts';
import type { Language } from '../../taxonomy/model.ts';
import { dropdownRole, isProductSheet, type DropdownRole } from './column-roles.ts';
import { INSTRUCTION_SHEET_NAMES, instructionsFor } from './instructions.ts';

export interface WriteOptions {
  language: Language;
}

/** Hidden sheet holding the dropdown lists; parsers skip hidden sheets. */
export const LISTS_SHEET = 'Lists';
/** Dropdowns cover this many rows so users can keep adding rows below the data. */
const DROPDOWN_ROWS = 1000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const THIN_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };

const LIST_COLUMN: Record<DropdownRole, string> = { type: 'A', update: 'B' };

/** East Asian characters take about two columns of width. */
function displayWidth(value: Cell): number {
  if (value === null) return 0;
  let width = 0;
  for (const ch of String(value)) width += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return width;
}

function fitWidths(ws: ExcelJS.Worksheet, rows: readonly Cell[][], min = 10, max = 60): void {
  const widths: number[] = [];
  // Sampling keeps this cheap on large sheets; widths need only be sensible.
  for (const row of rows.slice(0, 500)) {
    row.forEach((v, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(v));
    });
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.min(max, Math.max(min, w + 2));
  });
}

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { vertical: 'middle' };
  });
  row.height = 20;
}

function addInstructions(wb: ExcelJS.Workbook, language: Language): void {
  const text = instructionsFor(language);
  const ws = wb.addWorksheet(text.sheetName, { properties: { tabColor: { argb: 'FF70AD47' } } });
  ws.addRow([text.title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  for (const [topic, body] of text.lines) {
    const row = ws.addRow([topic, body]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 100;
}

/** Dropdown entries are the labels the parser reads back, in the workbook's language. */
function listValues(language: Language): Record<DropdownRole, readonly string[]> {
  return { type: typeLabels(language), update: updateLabels(language) };
}

function addListsSheet(wb: ExcelJS.Workbook, values: Record<DropdownRole, readonly string[]>): void {
  const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  for (const role of ['type', 'update'] as const) {
    values[role].forEach((value, i) => {
      ws.getCell(`${LIST_COLUMN[role]}${i + 1}`).value = value;
    });
  }
}

function addDropdown(ws: ExcelJS.Worksheet, column: number, role: DropdownRole, values: readonly string[]): void {
  const letter = columnLetter(column);
  const list = `${LISTS_SHEET}!$${LIST_COLUMN[role]}$1:$${LIST_COLUMN[role]}$${values.length}`;
  // exceljs has range data validations but its typings omit them.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  validations.add(`${letter}2:${letter}${DROPDOWN_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [list],
    showErrorMessage: true,
    errorStyle: 'warning',
    error: values.join(', '),
  });
}

function addDataSheet(wb: ExcelJS.Workbook, grid: SheetGrid, lists: Record<DropdownRole, readonly string[]>): boolean {
  const ws = wb.addWorksheet(grid.name, grid.hidden ? { state: 'hidden' } : {});
  for (const row of grid.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
  for (const m of grid.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  if (grid.rows.length === 0) return false;

  fitWidths(ws, grid.rows);
  styleHeader(ws.getRow(1));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];

  if (isProductSheet(grid.name)) {
    // Key/value: the keys read as labels, the values as the editable part.
    for (let r = 2; r <= grid.rows.length; r++) {
      const key = ws.getRow(r).getCell(1);
      key.font = { bold: true };
      key.fill = KEY_FILL;
    }
    ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
    return false;
  }

  let usesLists = false;
  (grid.rows[0] ?? []).forEach((header, column) => {
    const role = dropdownRole(header);
    if (!role) return;
    addDropdown(ws, column, role, lists[role]);
    usesLists = true;
  });
  if (grid.rows[0]) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, grid.rows[0].length) } };
  return usesLists;
}

/** Sheets this writer makes itself; a workbook read back and written again must not carry two of each. */
const GENERATED_SHEETS = new Set([...INSTRUCTION_SHEET_NAMES, LISTS_SHEET].map((n) => n.toLowerCase()));

/**
 * Writes `grids` after a fresh instructions sheet. Grids named like a generated sheet (any
 * language's instructions, the lists sheet) are replaced, not duplicated.
 */
export async function writeWorkbookBuffer(grids: readonly SheetGrid[], options: WriteOptions): Promise<Buffer> {
  grids = grids.filter((g) => !GENERATED_SHEETS.has(g.name.toLowerCase()));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Demo Data Studio';
  addInstructions(wb, options.language);
  const lists = listValues(options.language);
  let usesLists = false;
  for (const grid of grids) usesLists = addDataSheet(wb, grid, lists) || usesLists;
  if (usesLists) addListsSheet(wb, lists);
  // The first data sheet opens, not the instructions: people come back to edit, not to read.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: grids.length > 0 ? 1 : 0, visibility: 'visible' }];
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
