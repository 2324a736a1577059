/**
 * One structured question, asked up to `attempts` times: the answer must parse with the zod schema
 * (and pass `accept`, when given); otherwise the problems are sent back with the next attempt.
 * Transport failures (after the provider's back-off) are not retried here.
 */
import type { z } from 'zod';
import { cacheKey, type AiCache } from './cache.ts';
import { answerSchema } from './json-schema.ts';
import { PROMPT_VERSION } from './prompts/version.ts';
import { AiError, isAnswerError, type AiProvider, type Tier } from './provider.ts';
import type { UsageLedger } from './usage.ts';

export interface AskOptions<T> {
  provider: AiProvider;
  ledger: UsageLedger;
  purpose: string;
  schemaName: string;
  schema: z.ZodType<T>;
  system: string;
  /** Builds the user message; `feedback` lists the previous attempt's problems. */
  user: (feedback?: string) => string;
  tier: Tier;
  signal?: AbortSignal | undefined;
  attempts?: number;
  /** Extra checks beyond the schema: return problems (one per line) to reject. */
  accept?: (data: T) => string | undefined;
  /** With a cache, an identical question (same prompt, provider, model, version) is not asked twice. */
  cache?: AiCache | undefined;
}

export class AnswerRejectedError extends Error {
  override name = 'AnswerRejectedError';
  constructor(
    readonly attempts: number,
    readonly problems: string,
  ) {
    super(`The AI's answer was rejected ${attempts} time(s): ${problems}`);
  }
}

const schemas = new WeakMap<z.ZodType, Record<string, unknown>>();

export async function ask<T>(o: AskOptions<T>): Promise<T> {
  let json = schemas.get(o.schema);
  if (!json) schemas.set(o.schema, (json = answerSchema(o.schema)));
  const key = o.cache
    ? cacheKey({ purpose: o.purpose, taxonomyJson: '', input: { system: o.system, user: o.user() }, provider: o.provider.kind, model: o.provider.model(o.tier), promptVersion: PROMPT_VERSION })
    : undefined;
  if (key && o.cache) {
    const hit = o.schema.safeParse(await o.cache.get(key));
    if (hit.success && !o.accept?.(hit.data)) return hit.data;
  }
  const attempts = o.attempts ?? 3;
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const answer = await o.provider.complete({ system: o.system, user: o.user(feedback), schema: json, schemaName: o.schemaName, tier: o.tier, signal: o.signal });
      o.ledger.record(o.purpose, answer.model, answer.usage);
      const parsed = o.schema.safeParse(answer.data);
      if (parsed.success) {
        const problems = o.accept?.(parsed.data);
        if (!problems) {
          if (key) await o.cache?.set(key, answer.data);
          return parsed.data;
        }
        feedback = problems;
      } else {
        feedback = parsed.error.issues.slice(0, 20).map((i) => `- ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
      }
    } catch (err) {
      if (err instanceof AiError && err.usage) o.ledger.record(o.purpose, o.provider.model(o.tier), err.usage);
      if (!isAnswerError(err)) throw err;
      feedback = err.code === 'truncated' ? '- The answer was cut off at the output limit; answer more concisely.' : `- ${err.message}`;
    }
  }
  throw new AnswerRejectedError(attempts, feedback ?? '');
}


