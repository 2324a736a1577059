/**
 * Zod schemas to the JSON Schema both providers accept as an answer format. The zod schema stays
 * the source of truth: the JSON Schema only steers the model, and the answer is parsed with zod.
 */
import { z } from 'zod';

type Json = Record<string, unknown>;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** JSON Schema of what the model should send (the schema's input side: defaults may be omitted). */
export function answerSchema(schema: z.ZodType): Json {
  const raw = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete raw.$schema;
  return tidy(raw) as Json;
}

// Providers reject `oneOf` in tool schemas and choke on ±2^53 bounds zod adds to integers.
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if ((key === 'maximum' && value === MAX_SAFE) || (key === 'minimum' && value === -MAX_SAFE)) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = tidy(value);
  }
  return out;
}

const STRICT_UNSUPPORTED = new Set(['allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'propertyNames']);

/**
 * OpenAI's strict mode needs every object closed and every property required. When the schema
 * already reads that way it is returned closed (strict); otherwise undefined, and the call runs
 * without strict mode (the answer is validated by zod either way).
 */
export function strictSchema(schema: Json): Json | undefined {
  let ok = true;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const n = node as Json;
    const out: Json = {};
    for (const [key, value] of Object.entries(n)) {
      if (STRICT_UNSUPPORTED.has(key)) ok = false;
      if (key === 'default') continue;
      out[key] = key === 'properties' ? mapValues(value as Json, walk) : walk(value);
    }
    if (n.type === 'object') {
      const props = Object.keys((n.properties as Json | undefined) ?? {});
      const required = new Set((n.required as string[] | undefined) ?? []);
      if (props.length === 0 || props.some((p) => !required.has(p))) ok = false;
      if (n.additionalProperties !== undefined && n.additionalProperties !== false) ok = false;
      out.additionalProperties = false;
    }
    return out;
  };
  const result = walk(schema) as Json;
  return ok ? result : undefined;
}

function mapValues(obj: Json, f: (v: unknown) => unknown): Json {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}
