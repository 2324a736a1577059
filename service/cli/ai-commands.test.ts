import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parseWorkbook } from '../../taxonomy/index.ts';
import { startAiServer, type AiServer } from '../../testing/ai-server/server.ts';
import { SMART_HANDLERS } from '../../testing/ai-server/smart.ts';
import { readRulesSheets } from '../ai/rules-sheets.ts';
import { main } from '../cli.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { readWorkbookFile } from '../xlsx/read-workbook.ts';

let server: AiServer;
let dir: string;

beforeAll(async () => {
  server = await startAiServer({ smart: SMART_HANDLERS });
  dir = await mkdtemp(join(tmpdir(), 'ai-cli-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command in this process with only the given AI variables set, capturing its output. */
async function cli(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (/^(ANTHROPIC|OPENAI|DEMO_DATA)_/.test(k)) delete process.env[k];
  Object.assign(process.env, { DEMO_DATA_CACHE_DIR: join(dir, 'cache'), ...env });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
}

it('drafts a Korean workbook through the Anthropic SDK, then analyses it through the OpenAI SDK, cached the second time', async () => {
  const out = join(dir, 'draft.xlsx');
  const drafted = await cli(['draft', 'idle RPG with guilds and gacha', '--lang', 'ko', '--out', out], { ANTHROPIC_BASE_URL: server.anthropicBaseURL });
  expect(drafted.stderr).toContain('Drafting with anthropic');
  expect(drafted.code).toBe(0);
  const { taxonomy, issues } = parseWorkbook(await readWorkbookFile(out));
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(taxonomy.product.language).toBe('ko');
  expect(taxonomy.events.map((e) => e.name)).toEqual(expect.arrayContaining(['guild_join', 'gacha_pull']));
  expect(server.requests.map((r) => r.api)).toEqual(['anthropic']);

  const openai = { OPENAI_BASE_URL: server.openaiBaseURL };
  const rulesFile = join(dir, 'rules.json');
  const analysed = await cli(['analyze', out, '--out', rulesFile], openai);
  expect(analysed.code).toBe(0);
  expect(analysed.stderr).toMatch(/Rules from AI \(openai/);
  expect(server.requests.map((r) => r.api)).toEqual(['anthropic', 'openai']);
  const rules = JSON.parse(await readFile(rulesFile, 'utf8'));
  expect(ruleErrors(checkRulesAgainstTaxonomy(rules, taxonomy))).toEqual([]);

  const sheets = join(dir, 'with-rules.xlsx');
  const again = await cli(['analyze', out, '--sheets', sheets], openai);
  expect(again.stderr).toMatch(/Rules from the cache/);
  expect(server.requests).toHaveLength(2);
  const grids = await readWorkbookFile(sheets);
  const back = readRulesSheets(grids);
  expect(back.ok && back.rules).toEqual(rules);
  expect(parseWorkbook(grids).taxonomy.events).toEqual(taxonomy.events);
});

it('analyses offline without a provider and says so; drafting without one is a usage error', async () => {
  const out = join(dir, 'draft.xlsx');
  const offline = await cli(['analyze', out], {});
  expect(offline.code).toBe(0);
  expect(offline.stderr).toMatch(/offline analyzer/);
  expect(offline.stdout).toMatch(/^Segments: /);
  const noProvider = await cli(['draft', 'a shop', '--out', join(dir, 'x.xlsx')], {});
  expect(noProvider.code).toBe(2);
  expect(noProvider.stderr).toMatch(/needs an AI provider/);
  const unreadable = await cli(['analyze', join(dir, 'missing.xlsx')], {});
  expect(unreadable.code).toBe(3);
});

it('drafts into an existing workbook without replacing its rows', async () => {
  const base = join(dir, 'draft.xlsx');
  const before = parseWorkbook(await readWorkbookFile(base)).taxonomy;
  const out = join(dir, 'merged.xlsx');
  server.enqueue({
    kind: 'answer',
    data: {
      events: [{ name: 'guild_join', displayName: 'REPLACED', properties: ['guild_id'] }, { name: 'shop_open', displayName: 'Shop', properties: [] }],
      eventProperties: [{ name: 'guild_id', type: 'number' }],
    },
  });
  const merged = await cli(['draft', 'add a shop', '--into', base, '--lang', 'ko', '--out', out], { ANTHROPIC_BASE_URL: server.anthropicBaseURL });
  expect(merged.code).toBe(0);
  expect(merged.stderr).toMatch(/dropped eventProperty guild_id: 'guild_id' is already a string/);
  const after = parseWorkbook(await readWorkbookFile(out)).taxonomy;
  expect(after.events.slice(0, before.events.length)).toEqual(before.events);
  expect(after.events.at(-1)!.name).toBe('shop_open');
  expect(after.eventProperties).toEqual(before.eventProperties);
});
