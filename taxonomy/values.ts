/**
 * The one-cell text format for allowed values, designed to round-trip exactly:
 *
 *   1..100                 an inclusive range (`1~100` accepted on read)
 *   0.5..99.5 (decimals: 2) a range with a fixed number of decimals
 *   a, b, c                a list
 *   a:60, b:30, c:10       a weighted list (`a:60%` accepted on read)
 *   "35", 35, true         quoted text stays text; bare numbers and true/false are values
 *   "a, b", "say ""hi"""   text with commas, colons or quotes is quoted, quotes doubled
 */
import type { AllowedValues, Scalar } from './model.ts';
import { isNumberText } from './text.ts';

export type ParsedValues = { ok: true; value: AllowedValues } | { ok: false; message: string };

const NUM = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUM})\s*(?:\.\.|~|～)\s*(${NUM})\s*(?:\(\s*decimals?\s*[:=]?\s*(\d+)\s*\))?$`, 'i');

/** Text that must be quoted to read back as the same string. */
function needsQuotes(s: string): boolean {
  return (
    s === '' ||
    s.trim() !== s ||
    isNumberText(s) ||
    /^(true|false)$/i.test(s) ||
    /[,，、;:"\n\r~～]|\.\./.test(s) ||
    // A lone value ending in a parenthesised note would read as a range's decimals or a header note.
    /\)$/.test(s)
  );
}

export function formatScalar(value: Scalar): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return needsQuotes(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatAllowedValues(allowed: AllowedValues): string {
  switch (allowed.kind) {
    case 'range':
      return `${allowed.min}..${allowed.max}${allowed.decimals === undefined ? '' : ` (decimals: ${allowed.decimals})`}`;
    case 'list':
      return allowed.values.map(formatScalar).join(', ');
    case 'weighted':
      return allowed.values.map((v) => `${formatScalar(v.value)}:${v.weight}`).join(', ');
  }
}

interface Item {
  value: Scalar;
  weight?: number;
}

function bareScalar(text: string): Scalar {
  // "1e999" overflows to Infinity, which no cell or record can hold: it stays the text it was.
  if (isNumberText(text) && Number.isFinite(Number(text))) return Number(text);
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  return text;
}

function parseWeight(text: string): number | undefined {
  const t = text.trim().replace(/%$/, '').trim();
  return isNumberText(t) && Number.isFinite(Number(t)) ? Number(t) : undefined;
}

const SEPARATOR = /[,，、;\n\r]/;

/** Splits a list into items, honouring quotes; returns an error message on an unclosed quote. */
function splitItems(text: string): Item[] | string {
  const items: Item[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return 'a quoted value is not closed: end it with a double quote (write a quote inside a value as "")';
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      let rest = '';
      while (i < text.length && !SEPARATOR.test(text[i]!)) rest += text[i++];
      rest = rest.trim();
      if (rest === '') items.push({ value });
      else if (rest.startsWith(':') && parseWeight(rest.slice(1)) !== undefined) items.push({ value, weight: parseWeight(rest.slice(1))! });
      else return `unexpected "${rest}" after the quoted value "${value}": separate values with commas and weights with a colon`;
    } else {
      let raw = '';
      while (i < text.length && !SEPARATOR.test(text[i]!)) raw += text[i++];
      raw = raw.trim();
      if (raw !== '') {
        const colon = raw.lastIndexOf(':');
        const weight = colon > 0 ? parseWeight(raw.slice(colon + 1)) : undefined;
        if (weight !== undefined) items.push({ value: bareScalar(raw.slice(0, colon).trim()), weight });
        else items.push({ value: bareScalar(raw) });
      }
    }
    i++; // the separator
  }
  return items;
}

/** Reads the allowed-values cell text. Empty text is the caller's business (no constraint). */
export function parseAllowedValues(text: string): ParsedValues {
  const trimmed = text.trim();
  const range = RANGE.exec(trimmed);
  if (range) {
    const value: AllowedValues = { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
    if (!Number.isFinite(value.min) || !Number.isFinite(value.max)) return { ok: false, message: 'a range bound is too large to be a number: write smaller bounds' };
    if (range[3] !== undefined) {
      const decimals = Number(range[3]);
      if (decimals > 6) return { ok: false, message: `a range allows at most 6 decimals, not ${decimals}` };
      value.decimals = decimals;
    }
    return { ok: true, value };
  }
  const items = splitItems(trimmed);
  if (typeof items === 'string') return { ok: false, message: items };
  if (items.length === 0) return { ok: false, message: 'no values found: write a range (1..100), a list (a, b, c) or a weighted list (a:60, b:40)' };
  const weighted = items.filter((it) => it.weight !== undefined).length;
  if (weighted === 0) return { ok: true, value: { kind: 'list', values: items.map((it) => it.value) } };
  if (weighted < items.length) {
    return { ok: false, message: 'some values have a weight and some do not: give every value a weight (a:60, b:40) or none' };
  }
  return { ok: true, value: { kind: 'weighted', values: items.map((it) => ({ value: it.value, weight: it.weight! })) } };
}
