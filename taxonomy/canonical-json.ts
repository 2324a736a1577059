/** A taxonomy as JSON with a stable key order, so equal taxonomies hash equally. */
import type { Taxonomy } from './model.ts';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function canonicalTaxonomyJson(t: Taxonomy): string {
  return JSON.stringify(sortKeys(t));
}
