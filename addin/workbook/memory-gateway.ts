/**
 * A workbook held in memory: the pane's preview when opened in a plain browser (outside Excel), and
 * the fake gateway of component tests. Same contract as the Office gateway, no Office.js.
 */
import type { Cell, SheetGrid } from '../../taxonomy/grid.ts';
import { LIST_SHEET, type Dropdown, type SheetTemplate, type WorkbookChange, type WorkbookGateway } from './gateway.ts';

export class MemoryGateway implements WorkbookGateway {
  readonly sheets: SheetGrid[];
  selection: { sheet: string; row: number; column: number } | null = null;
  dropdowns: Dropdown[] = [];
  private listeners = new Set<(change: WorkbookChange) => void>();

  constructor(
    sheets: SheetGrid[] = [],
    private readonly language = 'en-US',
  ) {
    this.sheets = sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
  }

  private find(name: string): SheetGrid {
    const sheet = this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!sheet) throw new Error(`The sheet "${name}" does not exist.`);
    return sheet;
  }

  async readSheets(): Promise<SheetGrid[]> {
    return this.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => [...r]) }));
  }

  async createSheets(templates: readonly SheetTemplate[], dropdowns: readonly Dropdown[] = []): Promise<{ created: string[]; kept: string[] }> {
    const exists = (name: string) => this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase());
    const missing = templates.filter((t) => !exists(t.grid.name));
    for (const t of missing) this.sheets.push({ name: t.grid.name, rows: t.grid.rows.map((r) => [...r]) });
    const createdNames = new Set(missing.map((t) => t.grid.name.toLowerCase()));
    const lists = dropdowns.filter((d) => createdNames.has(d.sheet.toLowerCase()));
    if (lists.length > 0) {
      this.dropdowns.push(...lists);
      if (!exists(LIST_SHEET)) this.sheets.push({ name: LIST_SHEET, rows: [], hidden: true });
    }
    return { created: missing.map((t) => t.grid.name), kept: templates.filter((t) => !missing.includes(t)).map((t) => t.grid.name) };
  }

  async appendRows(sheetName: string, rows: readonly (readonly Cell[])[]): Promise<number> {
    const sheet = this.find(sheetName);
    while (sheet.rows.length > 0 && sheet.rows[sheet.rows.length - 1]!.every((c) => c === null || c === '')) sheet.rows.pop();
    const top = sheet.rows.length;
    sheet.rows.push(...rows.map((r) => [...r]));
    return top;
  }

  async writeCells(sheetName: string, row: number, column: number, rows: readonly (readonly Cell[])[]): Promise<void> {
    const sheet = this.find(sheetName);
    rows.forEach((values, r) => {
      const target = (sheet.rows[row + r] ??= []);
      values.forEach((v, c) => {
        while (target.length < column + c) target.push(null);
        target[column + c] = v;
      });
    });
  }

  async readSelection(): Promise<{ sheet: string; row: number; column: number }> {
    return this.selection ?? { sheet: this.sheets[0]?.name ?? 'Sheet1', row: 0, column: 0 };
  }

  async selectCell(sheet: string, row: number, column: number): Promise<void> {
    this.find(sheet);
    this.selection = { sheet, row, column };
  }

  async watch(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => void this.listeners.delete(listener);
  }

  /** Plays the user editing a cell (tests and the browser preview). */
  userEdit(sheet: string, row: number, column: number, value: Cell): void {
    void this.writeCells(sheet, row, column, [[value]]);
    for (const l of this.listeners) l({ sheet, address: `${sheet}!R${row + 1}C${column + 1}` });
  }

  displayLanguage(): string {
    return this.language;
  }

  prefersDark(): boolean {
    return false;
  }
}
