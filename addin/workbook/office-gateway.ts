/**
 * The only module that touches Office.js. Reads are coarse (all sheets in two syncs), writes go out
 * in blocks under Excel on the web's request limit, and changes the pane itself makes are not
 * reported back to it as user edits.
 */
import { cellAddress, columnLetter, type Cell, type SheetGrid } from '../../taxonomy/grid.ts';
import { groupForSync, rectangular, splitBlocks, SYNC_BUDGET_BYTES } from './blocks.ts';
import { LIST_SHEET, type Dropdown, type SheetTemplate, type WorkbookChange, type WorkbookGateway } from './gateway.ts';

/** Rows of a column that get a dropdown: enough for any taxonomy, far fewer than a whole column. */
const DROPDOWN_ROWS = 2000;
/** How long a region the pane wrote stays "ours" for change events that arrive after the sync. */
const OWN_WRITE_MEMORY_MS = 5000;

interface OwnWrite {
  sheetId: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  until: number;
}

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

function boxAddress(top: number, left: number, rows: number, columns: number): string {
  return `${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + columns - 1)}`;
}

/** "B2:D7" (no sheet prefix) to zero-based bounds. */
function parseBox(address: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address.replace(/^.*!/, ''));
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? col(m[3]) : left };
}

function missingSheet(name: string): Error {
  return new Error(`The sheet "${name}" is no longer in this workbook (renamed or deleted?). Refresh the pane's view of the workbook, or create the sheets again under Set up.`);
}

function toCell(value: unknown): Cell {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export class OfficeGateway implements WorkbookGateway {
  private writing = 0;
  private ownWrites: OwnWrite[] = [];
  private sheetNames = new Map<string, string>();

  async readSheets(): Promise<SheetGrid[]> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/id,items/visibility');
      await context.sync();
      const used = sheets.items.map((sheet) => sheet.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex'));
      await context.sync();
      this.sheetNames = new Map(sheets.items.map((s) => [s.id, s.name]));
      return sheets.items.map((sheet, i): SheetGrid => {
        const range = used[i]!;
        const rows: Cell[][] = [];
        if (!range.isNullObject) {
          // The used range need not start at A1; keep spreadsheet positions so addresses stay right.
          for (let r = 0; r < range.rowIndex; r++) rows.push([]);
          for (const values of range.values) rows.push([...Array<Cell>(range.columnIndex).fill(null), ...values.map(toCell)]);
        }
        return { name: sheet.name, rows, ...(sheet.visibility !== Excel.SheetVisibility.visible ? { hidden: true } : {}) };
      });
    });
  }

  async createSheets(templates: readonly SheetTemplate[], dropdowns: readonly Dropdown[] = []): Promise<{ created: string[]; kept: string[] }> {
    return this.asOwnWrite(() =>
      Excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const existing = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        const missing = templates.filter((t) => !existing.has(t.grid.name.toLowerCase()));
        const kept = templates.filter((t) => existing.has(t.grid.name.toLowerCase())).map((t) => t.grid.name);
        const created = new Set(missing.map((t) => t.grid.name.toLowerCase()));

        type Written = { sheet: Excel.Worksheet; top: number; left: number; rows: number; width: number };
        const pending: { bytes: number; queue: () => Written[] }[] = [];
        for (const template of missing) {
          const rows = rectangular(template.grid.rows);
          const width = Math.max(1, ...rows.map((r) => r.length));
          if (rows.length === 0) pending.push({ bytes: 64, queue: () => (sheets.add(template.grid.name), []) });
          splitBlocks(rows).forEach((block, index) => {
            pending.push({
              bytes: block.bytes,
              queue: () => {
                const sheet = index === 0 ? sheets.add(template.grid.name) : sheets.getItem(template.grid.name);
                sheet.getRange(boxAddress(block.offset, 0, block.rows.length, width)).values = block.rows;
                if (index === 0) this.styleSheet(sheet, template, width, rows.length);
                return [{ sheet, top: block.offset, left: 0, rows: block.rows.length, width }];
              },
            });
          });
        }
        const lists = dropdowns.filter((d) => created.has(d.sheet.toLowerCase()));
        if (lists.length > 0) {
          pending.push({ bytes: JSON.stringify(lists).length, queue: () => this.queueDropdowns(context, lists, existing.has(LIST_SHEET.toLowerCase())) });
        }

        const groups = groupForSync(pending, SYNC_BUDGET_BYTES);
        for (const [index, group] of groups.entries()) {
          const written = group.flatMap((p) => p.queue());
          for (const w of written) w.sheet.load('id');
          // Show the first new sheet, in the same round trip as the last write.
          if (index === groups.length - 1) sheets.getItem(missing[0]!.grid.name).activate();
          await context.sync();
          for (const w of written) this.rememberOwn(w.sheet.id, w.top, w.left, w.top + w.rows - 1, w.left + w.width - 1);
        }
        return { created: missing.map((t) => t.grid.name), kept };
      }),
    );
  }

  private styleSheet(sheet: Excel.Worksheet, template: SheetTemplate, width: number, height: number): void {
    if (template.headerRows > 0) {
      const header = sheet.getRange(boxAddress(0, 0, template.headerRows, width));
      header.format.font.bold = true;
      header.format.fill.color = '#E7F1EA';
      sheet.freezePanes.freezeRows(template.headerRows);
    }
    template.widths?.forEach((w, c) => {
      sheet.getRange(cellAddress(0, c)).format.columnWidth = w;
    });
    if (template.table && height > template.headerRows) {
      sheet.tables.add(boxAddress(template.headerRows - 1, 0, height - template.headerRows + 1, width), true);
    }
  }

  /** Dropdown lists live in a hidden sheet, one column per list, so every sheet's rule can point there. */
  private queueDropdowns(context: Excel.RequestContext, dropdowns: readonly Dropdown[], listSheetExists: boolean): { sheet: Excel.Worksheet; top: number; left: number; rows: number; width: number }[] {
    const written: { sheet: Excel.Worksheet; top: number; left: number; rows: number; width: number }[] = [];
    const sheets = context.workbook.worksheets;
    const lists = listSheetExists ? sheets.getItem(LIST_SHEET) : sheets.add(LIST_SHEET);
    lists.visibility = Excel.SheetVisibility.hidden;
    const columns = new Map<string, number>();
    for (const d of dropdowns) {
      const key = JSON.stringify(d.values);
      let column = columns.get(key);
      if (column === undefined) {
        column = columns.size;
        columns.set(key, column);
        lists.getRange(boxAddress(0, column, d.values.length, 1)).values = d.values.map((v) => [v]);
        written.push({ sheet: lists, top: 0, left: column, rows: d.values.length, width: 1 });
      }
      const source = `=${quote(LIST_SHEET)}!$${columnLetter(column)}$1:$${columnLetter(column)}$${d.values.length}`;
      const target = sheets.getItem(d.sheet).getRange(boxAddress(d.firstRow, d.column, DROPDOWN_ROWS, 1));
      target.dataValidation.clear();
      target.dataValidation.rule = { list: { inCellDropDown: true, source } };
    }
    return written;
  }

  async appendRows(sheetName: string, rows: readonly (readonly Cell[])[]): Promise<number> {
    if (rows.length === 0) return -1;
    return this.asOwnWrite(() =>
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
        const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,rowCount');
        sheet.load('id');
        await context.sync();
        if (sheet.isNullObject) throw missingSheet(sheetName);
        const top = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
        await this.writeBlocks(context, sheet, top, 0, rows);
        return top;
      }),
    );
  }

  async writeCells(sheetName: string, row: number, column: number, rows: readonly (readonly Cell[])[]): Promise<void> {
    if (rows.length === 0) return;
    await this.asOwnWrite(() =>
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
        sheet.load('id');
        await context.sync();
        if (sheet.isNullObject) throw missingSheet(sheetName);
        await this.writeBlocks(context, sheet, row, column, rows);
      }),
    );
  }

  /** One sync per group of blocks; the first sync also resolves the sheet's id. */
  private async writeBlocks(context: Excel.RequestContext, sheet: Excel.Worksheet, top: number, left: number, rows: readonly (readonly Cell[])[]): Promise<void> {
    const grid = rectangular(rows);
    const width = Math.max(1, ...grid.map((r) => r.length));
    for (const group of groupForSync(splitBlocks(grid))) {
      for (const block of group) sheet.getRange(boxAddress(top + block.offset, left, block.rows.length, width)).values = block.rows;
      await context.sync();
      for (const block of group) this.rememberOwn(sheet.id, top + block.offset, left, top + block.offset + block.rows.length - 1, left + width - 1);
    }
  }

  async readSelection(): Promise<{ sheet: string; row: number; column: number }> {
    return Excel.run(async (context) => {
      const range = context.workbook.getSelectedRange().load('rowIndex,columnIndex');
      const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      return { sheet: sheet.name, row: range.rowIndex, column: range.columnIndex };
    });
  }

  async selectCell(sheetName: string, row: number, column: number): Promise<void> {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      await context.sync();
      if (sheet.isNullObject) throw missingSheet(sheetName);
      sheet.activate();
      sheet.getRange(cellAddress(row, column)).select();
      await context.sync();
    });
  }

  async watch(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>> {
    const registration = await Excel.run(async (context) => {
      const handler = context.workbook.worksheets.onChanged.add(async (event) => {
        if (this.isOwn(event.worksheetId, event.address)) return;
        listener({ sheet: this.sheetNames.get(event.worksheetId), address: event.address });
      });
      await context.sync();
      return handler;
    });
    return async () => {
      await Excel.run(registration.context, async (context) => {
        registration.remove();
        await context.sync();
      });
    };
  }

  displayLanguage(): string {
    return Office.context.displayLanguage || 'en-US';
  }

  prefersDark(): boolean {
    // officeTheme is missing on some hosts (and older Excel); light is Office's default then.
    const background = Office.context.officeTheme?.bodyBackgroundColor;
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background ?? '');
    if (!m) return false;
    const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
  }

  private async asOwnWrite<T>(write: () => Promise<T>): Promise<T> {
    this.writing++;
    try {
      return await write();
    } finally {
      this.writing--;
    }
  }

  private rememberOwn(sheetId: string, top: number, left: number, bottom: number, right: number): void {
    this.ownWrites.push({ sheetId, top, left, bottom, right, until: Date.now() + OWN_WRITE_MEMORY_MS });
  }

  /**
   * Excel raises onChanged for the pane's writes too, after the sync resolves. An event inside a
   * region the pane just wrote is the echo of that write: it is consumed and ignored.
   */
  private isOwn(sheetId: string, address: string): boolean {
    const now = Date.now();
    this.ownWrites = this.ownWrites.filter((w) => w.until > now);
    const box = parseBox(address);
    const index = box
      ? this.ownWrites.findIndex((w) => w.sheetId === sheetId && box.top >= w.top && box.bottom <= w.bottom && box.left >= w.left && box.right <= w.right)
      : -1;
    if (index >= 0) {
      this.ownWrites.splice(index, 1);
      return true;
    }
    // The dropdown lists are the pane's own bookkeeping; users do not edit the hidden sheet.
    return this.writing > 0 || this.sheetNames.get(sheetId) === LIST_SHEET;
  }
}

/** Waits for Office; a gateway when the pane runs inside Excel, null in a plain browser. */
export async function connectExcel(): Promise<OfficeGateway | null> {
  if (typeof Office === 'undefined') return null;
  const info = await Office.onReady();
  return info.host === Office.HostType.Excel ? new OfficeGateway() : null;
}
