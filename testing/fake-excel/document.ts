/**
 * The state of a fake workbook: what a user would see in Excel. The proxies in `proxies.ts` read and
 * change it only inside `context.sync()`; tests and the browser harness may change it directly to
 * play the user (`userEdit`), which raises `onChanged` like a real edit.
 */
import { type Box, formatBox } from './address.ts';

export type FakeCell = string | number | boolean;

export interface ListValidation {
  box: Box;
  source: string;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Row-major; missing cells are empty (""), as Excel reports them. */
  cells: FakeCell[][];
  bold: Box[];
  fills: { box: Box; color: string }[];
  columnWidths: Map<number, number>;
  frozenRows: number;
  validations: ListValidation[];
  tables: { name: string; box: Box }[];
}

export interface ChangeEvent {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  changeType: 'RangeEdited';
  source: 'Local';
}

export class FakeDocument {
  readonly sheets: FakeSheet[] = [];
  activeSheetId: string | null = null;
  selection: { sheetId: string; box: Box } | null = null;
  readonly changeHandlers: ((event: ChangeEvent) => unknown)[] = [];
  private nextId = 1;

  constructor(init: { name: string; rows?: FakeCell[][]; hidden?: boolean }[] = [{ name: 'Sheet1' }]) {
    for (const s of init) {
      const sheet = this.addSheet(s.name);
      if (s.hidden) sheet.visibility = 'Hidden';
      if (s.rows) this.writeBox(sheet, 0, 0, s.rows);
    }
  }

  sheet(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  addSheet(name: string): FakeSheet {
    if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new Error(`InvalidArgument: bad sheet name "${name}"`);
    if (this.sheet(name)) throw new Error(`ItemAlreadyExists: a sheet named "${name}" exists`);
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: 'Visible',
      cells: [],
      bold: [],
      fills: [],
      columnWidths: new Map(),
      frozenRows: 0,
      validations: [],
      tables: [],
    };
    this.sheets.push(sheet);
    if (this.activeSheetId === null) this.activeSheetId = sheet.id;
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === sheet) throw new Error('InvalidOperation: cannot delete the only visible sheet');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets.find((s) => s.visibility === 'Visible')?.id ?? null;
  }

  cell(sheet: FakeSheet, row: number, column: number): FakeCell {
    return sheet.cells[row]?.[column] ?? '';
  }

  readBox(sheet: FakeSheet, box: Box): FakeCell[][] {
    const out: FakeCell[][] = [];
    for (let r = box.top; r <= box.bottom; r++) {
      const row: FakeCell[] = [];
      for (let c = box.left; c <= box.right; c++) row.push(this.cell(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  writeBox(sheet: FakeSheet, top: number, left: number, values: FakeCell[][]): void {
    values.forEach((row, r) => {
      const target = (sheet.cells[top + r] ??= []);
      row.forEach((value, c) => {
        while (target.length < left + c) target.push('');
        target[left + c] = value;
      });
    });
  }

  clearBox(sheet: FakeSheet, box: Box): void {
    for (let r = box.top; r <= box.bottom; r++) {
      const row = sheet.cells[r];
      if (!row) continue;
      for (let c = box.left; c <= box.right && c < row.length; c++) row[c] = '';
    }
  }

  /** The smallest box holding every non-empty cell, or null for an empty sheet. */
  usedBox(sheet: FakeSheet): Box | null {
    let box: Box | null = null;
    sheet.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value === '') return;
        if (!box) box = { top: r, left: c, bottom: r, right: c };
        else {
          box.top = Math.min(box.top, r);
          box.left = Math.min(box.left, c);
          box.bottom = Math.max(box.bottom, r);
          box.right = Math.max(box.right, c);
        }
      }),
    );
    return box;
  }

  /** Plays the user clicking a cell. */
  userSelect(sheetName: string, row: number, column: number): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    this.activeSheetId = sheet.id;
    this.selection = { sheetId: sheet.id, box: { top: row, left: column, bottom: row, right: column } };
  }

  /** Plays a user typing into the sheet: changes the cells, then raises onChanged. */
  userEdit(sheetName: string, top: number, left: number, values: FakeCell[][]): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    this.writeBox(sheet, top, left, values);
    const box = { top, left, bottom: top + values.length - 1, right: left + Math.max(1, ...values.map((r) => r.length)) - 1 };
    this.raiseChanged(sheet, box);
  }

  /** Real Excel delivers events after the sync that caused them has resolved; so does the fake. */
  raiseChanged(sheet: FakeSheet, box: Box): void {
    const event: ChangeEvent = { type: 'WorksheetChanged', worksheetId: sheet.id, address: formatBox(box), changeType: 'RangeEdited', source: 'Local' };
    for (const handler of [...this.changeHandlers]) setTimeout(() => void handler(event), 0);
  }

  /** The visible values of a sheet as rows trimmed of trailing empty cells (for assertions). */
  rowsOf(sheetName: string): FakeCell[][] {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet "${sheetName}"`);
    const box = this.usedBox(sheet);
    if (!box) return [];
    return this.readBox(sheet, { top: 0, left: 0, bottom: box.bottom, right: box.right }).map((row) => {
      const copy = [...row];
      while (copy.length > 0 && copy[copy.length - 1] === '') copy.pop();
      return copy;
    });
  }
}
