import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { mergeAdditions } from '../../../taxonomy/merge.ts';
import { TaxonomySchema } from '../../../taxonomy/model.ts';
import { readDataBlock } from '../../../testing/ai-server/data.ts';
import { startAiServer, type AiServer } from '../../../testing/ai-server/server.ts';
import { createOpenAiProvider } from '../providers/openai.ts';
import { fillDescriptions, suggestAllowedValues, suggestProperties, UnknownNameError } from './assist.ts';

let server: AiServer;
beforeAll(async () => {
  server = await startAiServer({
    smart: {
      descriptions: (req) => ({
        rows: (readDataBlock<{ kind: string; name: string }[]>(req.user, 'rows_data') ?? []).map((r) => ({ ...r, displayName: `DN ${r.name}`, description: `D ${r.name}` })),
      }),
    },
  });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const provider = () => createOpenAiProvider({ apiKey: 'k', baseURL: server.openaiBaseURL, retry: { sleep: async () => {} } });
const taxonomy = TaxonomySchema.parse({
  product: { industry: 'game' },
  events: [
    { name: 'level_up', displayName: 'Level up', description: 'Written by the user.', properties: ['level'] },
    { name: 'gacha_pull', properties: [] },
  ],
  eventProperties: [
    { name: 'level', type: 'number' },
    { name: 'gacha_type', type: 'string', displayName: 'Gacha type' },
  ],
  commonProperties: [],
  userProperties: [],
  funnels: [],
});

it('suggests properties for one event, reusing existing names, and merges without touching other rows', async () => {
  server.enqueue({
    kind: 'answer',
    data: {
      events: [{ name: 'gacha_pull', properties: ['gacha_type', 'pull_count'] }, { name: 'level_up', properties: ['hacked'] }],
      eventProperties: [{ name: 'pull_count', type: 'number' }, { name: 'level', type: 'string' }],
    },
  });
  const result = await suggestProperties(taxonomy, 'gacha_pull', 'en', { provider: provider() });
  expect(server.requests[0]!.user).toContain('for the event "gacha_pull"');
  expect(result.additions.events).toEqual([{ name: 'gacha_pull', properties: ['gacha_type', 'pull_count'] }]);
  expect(result.dropped.map((d) => d.name)).toContain('level');
  const merged = mergeAdditions(taxonomy, result.additions).taxonomy;
  expect(merged.events.find((e) => e.name === 'gacha_pull')!.properties).toEqual(['gacha_type', 'pull_count']);
  expect(merged.events.find((e) => e.name === 'level_up')!.properties).toEqual(['level']);
  await expect(suggestProperties(taxonomy, 'nope', 'en', { provider: provider() })).rejects.toThrow(UnknownNameError);
});

it('fills only missing display names and descriptions, using the fast tier', async () => {
  const result = await fillDescriptions(taxonomy, 'en', { provider: provider() });
  expect(server.requests[0]!.model).toBe('gpt-5-mini');
  const asked = readDataBlock<{ name: string }[]>(server.requests[0]!.user, 'rows_data')!.map((r) => r.name);
  expect(asked).toEqual(['gacha_pull', 'level', 'gacha_type']);
  const merged = mergeAdditions(taxonomy, result.additions).taxonomy;
  expect(merged.events[0]!.description).toBe('Written by the user.');
  expect(merged.events[1]!.description).toBe('D gacha_pull');
  expect(merged.eventProperties[1]!.displayName).toBe('Gacha type');
  expect(merged.eventProperties[1]!.description).toBe('D gacha_type');
});

it('suggests allowed values that fit the property type, and drops ones that do not', async () => {
  server.enqueue({ kind: 'answer', data: { allowed: { kind: 'list', values: ['normal', 'premium'] } } });
  const ok = await suggestAllowedValues(taxonomy, 'gacha_type', 'en', { provider: provider() });
  expect(ok.additions.eventProperties).toEqual([{ name: 'gacha_type', type: 'string', allowed: { kind: 'list', values: ['normal', 'premium'] } }]);
  server.enqueue({ kind: 'answer', data: { allowed: { kind: 'list', values: ['high', 'low'] } } });
  const bad = await suggestAllowedValues(taxonomy, 'level', 'en', { provider: provider() });
  expect(bad.additions.eventProperties).toBeUndefined();
  expect(bad.dropped[0]!.reason).toMatch(/"high" is not a number/);
});
