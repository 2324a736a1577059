/**
 * Answers already paid for. The key covers everything that shapes an answer, so an unchanged
 * taxonomy costs nothing on a re-run and any change to it, the product info, the provider, the
 * model or the prompts asks again.
 */
import { createHash } from 'node:crypto';

export interface AiCache {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface CacheKeyParts {
  /** What is being asked (`analyze`, `draft`, …) and any stage within it. */
  purpose: string;
  /** Canonical JSON of the taxonomy (or of the part sent), from `canonicalTaxonomyJson`. */
  taxonomyJson: string;
  /** Product info and request options that reach the prompt. */
  input: unknown;
  provider: string;
  model: string;
  promptVersion: string;
}

export function cacheKey(parts: CacheKeyParts): string {
  const hash = createHash('sha256');
  // Length-prefixed fields: no two different part lists can hash the same bytes.
  for (const field of [parts.purpose, parts.taxonomyJson, stableJson(parts.input), parts.provider, parts.model, parts.promptVersion]) {
    hash.update(`${Buffer.byteLength(field)}:`).update(field);
  }
  return hash.digest('hex');
}

/** JSON with object keys sorted, so key order never changes a hash. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'null';
}

/** A cache that remembers nothing; for callers that opt out. */
export const noCache: AiCache = {
  get: async () => undefined,
  set: async () => {},
};

/** In-process cache, for tests and one-shot commands. */
export function memoryCache(): AiCache & { readonly size: number } {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    get size() {
      return map.size;
    },
  };
}
