/**
 * Splitting a write into blocks that each stay well under Excel on the web's 5 MB request limit, and
 * grouping the blocks into as few syncs as that budget allows.
 */
import type { Cell } from '../../taxonomy/grid.ts';

/** Budget per request: a fifth of the 5 MB limit, since Office's own envelope inflates the payload. */
export const SYNC_BUDGET_BYTES = 1024 * 1024;

export interface Block {
  /** Zero-based row offset inside the written rows. */
  offset: number;
  rows: Cell[][];
  bytes: number;
}

/** Rectangular copy of ragged rows: Excel wants every row of a range the same width. */
export function rectangular(rows: readonly (readonly Cell[])[], width = Math.max(0, ...rows.map((r) => r.length))): Cell[][] {
  return rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? ''));
}

/** UTF-8 bytes of a cell as JSON, with room for escapes (quotes, backslashes, control characters). */
function cellBytes(cell: Cell): number {
  if (cell === null || cell === '') return 3;
  if (typeof cell !== 'string') return String(cell).length + 1;
  let bytes = 3;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    bytes += code < 0x20 ? 6 : code === 0x22 || code === 0x5c ? 2 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** Splits rows (already rectangular) into consecutive blocks of at most `budget` estimated bytes. */
export function splitBlocks(rows: Cell[][], budget = SYNC_BUDGET_BYTES): Block[] {
  const blocks: Block[] = [];
  // A block starts at 2 bytes: the brackets of its outer array.
  let current: Block = { offset: 0, rows: [], bytes: 2 };
  rows.forEach((row, index) => {
    const bytes = row.reduce((sum: number, cell) => sum + cellBytes(cell), 2);
    if (current.rows.length > 0 && current.bytes + bytes > budget) {
      blocks.push(current);
      current = { offset: index, rows: [], bytes: 2 };
    }
    current.rows.push(row);
    current.bytes += bytes;
  });
  if (current.rows.length > 0) blocks.push(current);
  return blocks;
}

/** Groups blocks into syncs so that no sync carries more than `budget` bytes. */
export function groupForSync<T extends { bytes: number }>(items: readonly T[], budget = SYNC_BUDGET_BYTES): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length > 0 && bytes + item.bytes > budget) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.bytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
