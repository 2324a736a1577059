/**
 * One exceljs cell value → the plain `Cell` the taxonomy parser reads: what the user sees in Excel.
 */
import type { CellValue } from 'exceljs';
import type { Cell } from '../../taxonomy/grid.ts';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * exceljs turns date-formatted serial numbers into Dates whose UTC fields are the wall clock the
 * sheet shows. Serial fractions carry float noise (…59.9996), so round to the second first.
 */
export function formatDate(date: Date): string | null {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const d = new Date(Math.round(ms / 1000) * 1000);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

interface RichTextRun {
  text?: unknown;
}

function richTextToString(runs: readonly RichTextRun[]): string {
  return runs.map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
}

/** Text of a hyperlink cell, whose `text` may itself be rich text. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && Array.isArray((value as { richText?: unknown }).richText)) {
    return richTextToString((value as { richText: RichTextRun[] }).richText);
  }
  return value === undefined || value === null ? '' : String(value);
}

export function toCell(value: CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return richTextToString(value.richText);
  if ('hyperlink' in value) return textOf((value as { text?: unknown }).text);
  // Errors (#N/A, #REF! …) mean "no value here".
  if ('error' in value) return null;
  // Formulas and shared formulas: the result Excel cached when it last saved the file.
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return toCell(result as CellValue | undefined);
  }
  if ('text' in value) return textOf((value as { text?: unknown }).text);
  return null;
}
