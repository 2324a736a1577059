/** Small text helpers shared by the alias tables, the parsers and the value format. */
import type { Cell } from './grid.ts';

/**
 * The form names are compared in: width-folded (NFKC), lower case, without a trailing
 * parenthesised note ("(필수)", "(required)", "(hours)") or `*`, without a leading `#`, and with
 * spaces, underscores and hyphens removed. "이벤트 이름 (필수)" and "event_name*" compare as
 * "이벤트이름" and "eventname".
 */
export function normalizeKey(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().trim();
  for (;;) {
    const stripped = s.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s*\*+\s*$/, '').trim();
    if (stripped === s) break;
    s = stripped;
  }
  return s.replace(/^#+/, '').replace(/[\s_-]+/g, '');
}

/** True when a header cell carries a "this column is required/optional" note. */
export function hasRequirementNote(text: string): boolean {
  return /(\((필수|선택|required|optional|必填|可选|選択|必須|任意)\)|\*)\s*$/i.test(text.normalize('NFKC').trim());
}

/** A cell as the text the user sees, trimmed; numbers in their shortest round-tripping form. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return cell ? 'true' : 'false';
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Whether text is exactly a number as `String(n)` or a user would write it ("12", "-0.5", "1e+21"). */
export function isNumberText(text: string): boolean {
  return NUMBER_TEXT.test(text);
}

/** A number from a cell holding a number or numeric text ("1,234" and "35%" included); else undefined. */
export function cellNumber(cell: Cell | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  const percent = /^(.*?)\s*%$/.exec(text);
  const body = percent ? percent[1]! : text;
  if (!isNumberText(body)) return undefined;
  const n = Number(body);
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}

/**
 * A fraction 0..1 from "35%", "0.35", 0.35 or "35" (a number above 1 and up to 100 can only mean a
 * percentage here). Undefined when the cell is not a number at all.
 */
export function cellFraction(cell: Cell | undefined): number | undefined {
  const n = cellNumber(cell);
  if (n === undefined) return undefined;
  if (typeof cell === 'string' && cell.trim().endsWith('%')) return n;
  return n > 1 && n <= 100 ? n / 100 : n;
}

/** Splits a cell listing names ("a, b\nc", "a > b > c", "a、b") into trimmed, non-empty names. */
export function splitNames(text: string): string[] {
  return text
    .split(/[,，、;\n\r]|\s*(?:>|→|->)\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
