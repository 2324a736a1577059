import { describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

describe('faker values', () => {
  it('are drawn once per user in the user locale and reused on every event', async () => {
    const rules = gameRules();
    rules.properties.push({ property: 'stage_id', event: 'battle', value: { kind: 'faker', method: 'person.firstName' } });
    const { records } = await simulateLines(gameTaxonomy(), rules, { startDate: '2026-01-01', days: 1, dau: 40, seed: 2 });
    const byUser = new Map<string, Set<string>>();
    for (const { record } of records) {
      if (record['#event_name'] !== 'battle') continue;
      const id = record['#distinct_id'] as string;
      if (!byUser.has(id)) byUser.set(id, new Set());
      byUser.get(id)!.add(record.properties.stage_id as string);
    }
    expect(byUser.size).toBeGreaterThan(5);
    for (const names of byUser.values()) expect(names.size).toBe(1);
    const all = new Set([...byUser.values()].map((s) => [...s][0]));
    expect(all.size).toBeGreaterThan(3);
    // Korean users (the fixture's main country) get Korean names.
    expect([...all].some((n) => /[\uac00-\ud7a3]/.test(n!))).toBe(true);
  }, 60_000);
});
