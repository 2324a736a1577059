import { expect, it } from 'vitest';
import { TaxonomySchema } from '../../taxonomy/model.ts';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { readRulesSheets, rulesToSheets, RULES_SHEETS } from './rules-sheets.ts';

const taxonomy = TaxonomySchema.parse({
  product: { industry: 'game', scenario: 'Black Friday sale on day 10' },
  events: [
    { name: 'app_start', category: 'session' },
    { name: 'register', category: 'onboarding' },
    { name: 'purchase', category: 'monetization', properties: ['amount'] },
  ],
  eventProperties: [{ name: 'amount', type: 'number', allowed: { kind: 'range', min: 1, max: 50 } }],
  commonProperties: [],
  userProperties: [],
  funnels: [{ name: 'pay', steps: ['register', 'purchase'] }],
});
const rules = analyzeOffline(taxonomy);

it('round-trips rules through the sheets unchanged', () => {
  const back = readRulesSheets(rulesToSheets(rules));
  expect(back).toEqual({ ok: true, rules });
});

it('applies edits made in the tables', () => {
  const sheets = rulesToSheets(rules);
  const events = sheets.find((s) => s.name === RULES_SHEETS.events)!;
  const purchase = events.rows.findIndex((r) => r[0] === 'purchase');
  events.rows[purchase]![1] = 42;
  const timeline = sheets.find((s) => s.name === RULES_SHEETS.timeline)!;
  timeline.rows.push(['outage', 19, 19, 0.2, 1, '']);
  const back = readRulesSheets(sheets);
  expect(back.ok).toBe(true);
  if (!back.ok) return;
  expect(back.rules.events.find((e) => e.event === 'purchase')!.weight).toBe(42);
  expect(back.rules.timeline.at(-1)).toMatchObject({ name: 'outage', fromDay: 19, toDay: 19, activity: 0.2, events: [] });
});

it('says which sheet and row hold a bad edit', () => {
  const sheets = rulesToSheets(rules);
  sheets.find((s) => s.name === RULES_SHEETS.segments)!.rows[1]![1] = 'lots';
  sheets.find((s) => s.name === RULES_SHEETS.segments)!.rows[2]![8] = '{not json';
  const back = readRulesSheets(sheets);
  expect(back.ok).toBe(false);
  expect(!back.ok && back.problems.join('\n')).toMatch(/'Rules - Segments' row 3, column I: not valid JSON/);
  sheets.find((s) => s.name === RULES_SHEETS.segments)!.rows[2]![8] = JSON.stringify(rules.segments[1]!.sessionsPerDay);
  const again = readRulesSheets(sheets);
  expect(!again.ok && again.problems.join('\n')).toMatch(/'Rules - Segments' row 2 \(share\)/);
  expect(readRulesSheets([])).toMatchObject({ ok: false, absent: true });
});
