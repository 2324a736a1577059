/**
 * .xlsx bytes → `SheetGrid[]`, the plain values the taxonomy parser reads. Every way a file can be
 * wrong ends in one `WorkbookReadError` with a message for the user.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Cell, SheetGrid } from '../../taxonomy/grid.ts';
import { toCell } from './cell-value.ts';
import { MAX_WORKBOOK_BYTES, WorkbookReadError } from './errors.ts';
import { repairRichText } from './repair-rich-text.ts';
import { assertZipPackage } from './sniff-file-kind.ts';

export interface ReadOptions {
  /** How the file is named in messages; defaults to "The file". */
  label?: string;
  /** Refuse packages whose parts unpack to more than this (default 256 MB). */
  maxUnpackedBytes?: number;
}

type Merge = NonNullable<SheetGrid['merges']>[number];

function decodeColumn(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `B3:D7` → zero-based inclusive bounds; undefined for anything else. */
export function decodeRange(ref: string): Merge | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const [, c1, r1, c2 = c1, r2 = r1] = m as unknown as [string, string, string, string?, string?];
  const a = { row: Number(r1) - 1, col: decodeColumn(c1) };
  const b = { row: Number(r2) - 1, col: decodeColumn(c2) };
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

function trimTrailingNulls(row: Cell[]): Cell[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  if (end !== row.length) row.length = end;
  return row;
}

/** Merges reach at least this many columns even where no cell to their right holds data. */
const MIN_MERGE_WIDTH = 64;

function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Cells covered by a merge are filled from its master below, within the data's extent.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      cells[colNumber - 1] = toCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = trimTrailingNulls(cells);
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];

  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  // Merges are clipped to the rows that hold data and to a sensible width: a merge over whole
  // columns or rows (A1:A1048576, A1:XFD1) must not allocate millions of cells, and rows below the
  // data stay empty rather than gaining copies of a master value.
  const width = rows.reduce((w, r) => Math.max(w, r.length), MIN_MERGE_WIDTH);
  const merges: Merge[] = [];
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const decoded = decodeRange(ref);
    if (!decoded) continue;
    const merge = { ...decoded, bottom: Math.min(decoded.bottom, rows.length - 1), right: Math.min(decoded.right, width - 1) };
    if (merge.top > merge.bottom || merge.left > merge.right) continue;
    merges.push(merge);
    copyMasterIntoMerge(rows, merge);
  }

  const grid: SheetGrid = { name: ws.name, rows };
  if (ws.state === 'hidden' || ws.state === 'veryHidden') grid.hidden = true;
  if (merges.length > 0) grid.merges = merges;
  return grid;
}

/** Every cell of a merge shows the master's value, whatever the file stored for the others. */
function copyMasterIntoMerge(rows: Cell[][], m: Merge): void {
  const master = rows[m.top]?.[m.left] ?? null;
  for (let r = m.top; r <= m.bottom; r++) {
    const row = (rows[r] ??= []);
    for (let c = m.left; c <= m.right; c++) {
      for (let k = row.length; k < c; k++) row[k] = null;
      row[c] = master;
    }
    trimTrailingNulls(row);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A 10 MB package can unpack to gigabytes; exceljs holds every cell in memory, so refuse before
 * parsing. Sizes come from the zip directory (jszip keeps them on a private field).
 */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

function unpackedBytes(zip: JSZip): number {
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (typeof size === 'number') total += size;
  }
  return total;
}

async function openPackage(buf: Buffer, label: string, maxUnpacked: number): Promise<Buffer> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf);
  } catch (err) {
    throw new WorkbookReadError(
      'corrupt',
      `${label} is damaged: it is not a readable zip package (${describe(err)}). Open it in Excel, save a fresh copy as .xlsx and try again.`,
    );
  }
  if (!zip.file(/^\/?xl\/workbook\.xml$/i).length) {
    const isOds = zip.file('mimetype') !== null;
    throw new WorkbookReadError(
      'not_xlsx',
      isOds
        ? `${label} is an OpenDocument spreadsheet (.ods). Save it as "Excel 2007-365 (.xlsx)" and try again.`
        : `${label} is a zip file but not an Excel workbook (no xl/workbook.xml). Save the taxonomy from Excel as .xlsx.`,
    );
  }
  const unpacked = unpackedBytes(zip);
  if (unpacked > maxUnpacked) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new WorkbookReadError(
      'too_large',
      `${label} unpacks to ${mb(unpacked)} MB of sheet data; at most ${mb(maxUnpacked)} MB is read. Split the workbook or delete unused rows and sheets.`,
    );
  }
  try {
    const changed = await repairRichText(zip);
    return changed ? await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) : buf;
  } catch (err) {
    throw new WorkbookReadError('corrupt', `${label} is damaged: a part of the package cannot be unpacked (${describe(err)}). Save a fresh copy from Excel.`);
  }
}

export async function readWorkbookBuffer(buf: Buffer | Uint8Array, options: ReadOptions = {}): Promise<SheetGrid[]> {
  const label = options.label ?? 'The file';
  const bytes = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length > MAX_WORKBOOK_BYTES) throw tooLarge(label, bytes.length);
  assertZipPackage(bytes, label);
  const repaired = await openPackage(bytes, label, options.maxUnpackedBytes ?? MAX_UNPACKED_BYTES);

  const wb = new ExcelJS.Workbook();
  try {
    // Formatting we never read is skipped: it costs time on large sheets.
    await wb.xlsx.load(repaired as unknown as ArrayBuffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'legacyDrawing', 'tableParts', 'picture'],
    } as never);
  } catch (err) {
    throw new WorkbookReadError(
      'corrupt',
      `${label} could not be read as an Excel workbook (${describe(err)}). Open it in Excel, save a fresh copy as .xlsx and try again.`,
    );
  }
  let grids: SheetGrid[];
  try {
    grids = wb.worksheets.map(worksheetToGrid);
  } catch (err) {
    throw new WorkbookReadError('corrupt', `${label} has a sheet whose cells cannot be read (${describe(err)}). Save a fresh copy from Excel and try again.`);
  }
  if (grids.length === 0) {
    throw new WorkbookReadError('no_sheets', `${label} has no worksheets. Add the taxonomy sheets (run 'demo-data template' for an empty one).`);
  }
  return grids;
}

function tooLarge(label: string, bytes: number): WorkbookReadError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new WorkbookReadError(
    'too_large',
    `${label} is ${mb(bytes)} MB; workbooks up to ${mb(MAX_WORKBOOK_BYTES)} MB are accepted. Remove unused sheets, images or formatting and save again.`,
  );
}

export async function readWorkbookFile(path: string): Promise<SheetGrid[]> {
  const label = `'${basename(path)}'`;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new WorkbookReadError('not_found', `${label} is a directory, not a workbook file. Give the path of an .xlsx file.`);
    size = info.size;
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookReadError(
      'not_found',
      code === 'ENOENT' ? `${path} does not exist. Check the path and try again.` : `${path} cannot be opened (${code ?? describe(err)}).`,
    );
  }
  if (size > MAX_WORKBOOK_BYTES) throw tooLarge(label, size);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new WorkbookReadError('not_found', `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? describe(err)}).`);
  }
  return readWorkbookBuffer(buf, { label });
}
