/** A1-style addresses for the fake Excel: parse "B2", "A1:C3", "Sheet!A1:C3" and print them back. */

export interface Box {
  top: number;
  left: number;
  /** Inclusive. */
  bottom: number;
  right: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function parseCell(text: string): { row: number; column: number } {
  const m = CELL.exec(text.trim());
  if (!m) throw new Error(`InvalidArgument: "${text}" is not a cell address`);
  return { row: Number(m[2]) - 1, column: columnIndex(m[1] ?? 'A') };
}

/** Parses an address; a sheet prefix ("Events!A1" or "'My sheet'!A1") is returned separately. */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  let rest = address;
  let sheet: string | undefined;
  const bang = address.lastIndexOf('!');
  if (bang >= 0) {
    sheet = address.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    rest = address.slice(bang + 1);
  }
  const [a, b] = rest.split(':');
  const start = parseCell(a ?? '');
  const end = b === undefined ? start : parseCell(b);
  return {
    ...(sheet === undefined ? {} : { sheet }),
    box: {
      top: Math.min(start.row, end.row),
      left: Math.min(start.column, end.column),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.column, end.column),
    },
  };
}

export function formatBox(box: Box): string {
  const a = `${columnName(box.left)}${box.top + 1}`;
  const b = `${columnName(box.right)}${box.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
