/**
 * The example workbooks through the AI path: when every answer is rejected the offline fallback
 * still yields rules the engine accepts; a good answer is accepted in one call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples/build-examples.ts';
import { startAiServer, type AiServer } from '../../testing/ai-server/server.ts';
import { SMART_HANDLERS } from '../../testing/ai-server/smart.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { RulesSchema } from '../engine/rules/schema.ts';
import { analyzeTaxonomy } from './analyze.ts';
import { createOpenAiProvider } from './providers/openai.ts';

let server: AiServer;
beforeAll(async () => {
  server = await startAiServer({ smart: SMART_HANDLERS });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const provider = () => createOpenAiProvider({ apiKey: 'k', baseURL: server.openaiBaseURL, retry: { sleep: async () => {} } });

describe.each(Object.entries(EXAMPLES))('example %s', (_name, taxonomy) => {
  it('falls back to offline rules the engine accepts when every AI answer is rejected', async () => {
    const ghost = (a: unknown) => ({ ...(a as object), identity: { registerEvent: 'not_an_event' } });
    server.enqueue({ kind: 'smart', mutate: ghost }, { kind: 'smart', mutate: ghost }, { kind: 'smart', mutate: ghost });
    const result = await analyzeTaxonomy({ taxonomy, provider: provider() });
    expect(result.source).toBe('offline');
    expect(result.warnings[0]).toContain('not_an_event');
    expect(RulesSchema.safeParse(result.rules).success).toBe(true);
    expect(ruleErrors(checkRulesAgainstTaxonomy(result.rules, taxonomy))).toEqual([]);
  });

  it('accepts a valid answer in one call', async () => {
    const result = await analyzeTaxonomy({ taxonomy, provider: provider() });
    expect(result.source).toBe('ai');
    expect(server.requests).toHaveLength(1);
  });
});
