/**
 * ThinkingData's sheets have no allowed-values column; people write the values into the
 * description instead ("guest, google, apple", "1~28"). For those layouts only, a description that
 * is nothing but such a list or range becomes the property's allowed values. Anything looser
 * ("예: 1-1 ~ 10-10", "KRW", prose) is left alone: a wrong guess would be worse than none.
 */
import type { AllowedValues, PropertyDef, Taxonomy } from '../model.ts';

const RANGE = /^(-?\d+(?:\.\d+)?)\s*(?:~|～|\.\.)\s*(-?\d+(?:\.\d+)?)$/;
const TOKEN = /^\p{L}[\p{L}\p{N}_.-]*$/u;

export function allowedFromDescription(p: PropertyDef): AllowedValues | undefined {
  const text = p.description.trim();
  if (p.type === 'number') {
    const m = RANGE.exec(text);
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = Number(m[2]);
    if (!(min <= max)) return undefined;
    const decimals = Math.max((m[1]!.split('.')[1] ?? '').length, (m[2]!.split('.')[1] ?? '').length);
    return { kind: 'range', min, max, decimals };
  }
  if (p.type === 'string' || p.type === 'list') {
    const tokens = text.split(/\s*,\s*/);
    if (tokens.length < 2 || !tokens.every((t) => TOKEN.test(t)) || new Set(tokens).size !== tokens.length) return undefined;
    return { kind: 'list', values: tokens };
  }
  return undefined;
}

export function inferAllowedValues(t: Taxonomy): void {
  for (const list of [t.eventProperties, t.commonProperties, t.userProperties]) {
    for (const p of list) {
      if (p.allowed !== undefined || p.name.startsWith('#')) continue;
      const allowed = allowedFromDescription(p);
      if (allowed) p.allowed = allowed;
    }
  }
}
