/** Finding a sheet's header row by scanning its first rows, instead of assuming row 1. */
import type { Cell, SheetGrid } from '../grid.ts';
import type { AliasIndex } from '../layout.ts';
import { cellText, hasRequirementNote } from '../text.ts';

/** How far down a header may sit (ThinkingData's templates put a title and notes above it). */
const SCAN_ROWS = 30;

export interface Header {
  /** Zero-based index of the header row. */
  row: number;
  /** Column key → zero-based column index (the first column carrying that key). */
  columns: Map<string, number>;
  /** Whether any header cell carried a note such as "(필수)" or a `*`. */
  hasNotes: boolean;
}

export function findHeader(grid: SheetGrid, index: AliasIndex<string>, required: readonly string[]): Header | undefined {
  let best: Header | undefined;
  const limit = Math.min(grid.rows.length, SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    const columns = new Map<string, number>();
    let hasNotes = false;
    for (let c = 0; c < row.length; c++) {
      const text = cellText(row[c]);
      if (text === '') continue;
      const key = index.get(text);
      if (key === undefined || columns.has(key)) continue;
      columns.set(key, c);
      if (hasRequirementNote(text)) hasNotes = true;
    }
    if (!required.every((k) => columns.has(k))) continue;
    if (!best || columns.size > best.columns.size) best = { row: r, columns, hasNotes };
  }
  return best;
}

/** The cell under a column key in a row, or null when the sheet has no such column. */
export function cellAt(row: readonly Cell[] | undefined, header: Header, key: string): Cell {
  const c = header.columns.get(key);
  return c === undefined ? null : (row?.[c] ?? null);
}

export function isBlankRow(row: readonly Cell[] | undefined): boolean {
  return !row || row.every((c) => cellText(c) === '');
}
