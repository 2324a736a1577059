/**
 * What the task pane needs from a workbook, and nothing about how Excel provides it. Components get a
 * `WorkbookGateway`; only `office-gateway.ts` talks to Office.js. Rows and columns are zero-based
 * here, like `SheetGrid`.
 */
import type { Cell, SheetGrid } from '../../taxonomy/grid.ts';

/** A dropdown on one column of a sheet, below its header, fed from the hidden list sheet. */
export interface Dropdown {
  sheet: string;
  column: number;
  /** First row (zero-based) that gets the dropdown; the header rows above it do not. */
  firstRow: number;
  values: readonly string[];
}

export interface SheetTemplate {
  grid: SheetGrid;
  /** Rows at the top styled as headers and frozen. */
  headerRows: number;
  /** Format the body as an Excel table (filter buttons, banding) when it is a list. */
  table: boolean;
  /** Column widths in points, by column index. */
  widths?: readonly number[];
}

export interface WorkbookChange {
  /** Name of the changed sheet, when the gateway knows it. */
  sheet?: string;
  address: string;
}

export interface WorkbookGateway {
  /** Every sheet's values (hidden ones flagged), in tab order, in as few round trips as possible. */
  readSheets(): Promise<SheetGrid[]>;
  /**
   * Creates the sheets that do not exist yet, each with its template content; sheets that exist are
   * left untouched, so calling it twice changes nothing the second time.
   */
  createSheets(templates: readonly SheetTemplate[], dropdowns?: readonly Dropdown[]): Promise<{ created: string[]; kept: string[] }>;
  /** Writes rows below the last used row of a sheet; returns the zero-based row the first landed on. */
  appendRows(sheet: string, rows: readonly (readonly Cell[])[]): Promise<number>;
  /** Replaces a block of cells starting at (row, column). */
  writeCells(sheet: string, row: number, column: number, rows: readonly (readonly Cell[])[]): Promise<void>;
  /** The sheet and top-left cell of the user's selection. */
  readSelection(): Promise<{ sheet: string; row: number; column: number }>;
  /** Activates the sheet and selects one cell. */
  selectCell(sheet: string, row: number, column: number): Promise<void>;
  /** Calls `listener` when the user edits the workbook (never for the pane's own writes). */
  watch(listener: (change: WorkbookChange) => void): Promise<() => Promise<void>>;
  /** Office's display language, such as "ko-KR". */
  displayLanguage(): string;
  /** Whether Office shows a dark theme, so the pane can match it. */
  prefersDark(): boolean;
}

/** Name of the hidden sheet that holds the dropdown lists. */
export const LIST_SHEET = 'DemoData Lists';
