/**
 * Workbooks as plain values: what the task pane reads through Office.js and what the service
 * reads with exceljs both become `SheetGrid[]`, so parsing is one pure function for both.
 */

/** A cell's value as the user sees it. Dates arrive as `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss` text. */
export type Cell = string | number | boolean | null;

export interface SheetGrid {
  /** The sheet's tab name, as written. */
  name: string;
  /** Row-major values; row 0 is spreadsheet row 1. Rows may be ragged. */
  rows: Cell[][];
  /** Hidden sheets (explanations, dropdown lists) are read but never parsed as taxonomy. */
  hidden?: boolean;
  /**
   * Merged ranges, zero-based and inclusive. Readers already copy the master value into every
   * cell of a merge; this is kept so importers can tell "merged" from "repeated".
   */
  merges?: { top: number; left: number; bottom: number; right: number }[];
}

/** Zero-based column index to spreadsheet letters: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `A1`-style address from zero-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}
