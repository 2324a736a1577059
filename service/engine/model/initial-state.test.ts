import { describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

describe('starting user properties', () => {
  it('gives users installed before the range a level that fits their age, and new users the plain start', async () => {
    const { records } = await simulateLines(gameTaxonomy(), gameRules(), { startDate: '2026-03-27', days: 3, dau: 150, seed: 9 });
    // The first event of each user carries #install_time; their setOnce carries the starting level.
    const installOf = new Map<string, string>();
    for (const { record } of records) {
      const id = record['#distinct_id'] as string;
      if (record['#type'] === 'track' && !installOf.has(id)) installOf.set(id, record.properties['#install_time'] as string);
    }
    const existing: number[] = [];
    const fresh: number[] = [];
    for (const { record } of records) {
      if (record['#type'] !== 'user_setOnce' || typeof record.properties.level !== 'number') continue;
      const installed = installOf.get(record['#distinct_id'] as string)!;
      (installed < '2026-03-27' ? existing : fresh).push(record.properties.level);
    }
    expect(existing.length).toBeGreaterThan(30);
    expect(fresh.length).toBeGreaterThan(5);
    expect(fresh.every((l) => l === 1)).toBe(true);
    expect(existing.every((l) => l >= 1)).toBe(true);
    expect(existing.reduce((a, b) => a + b, 0) / existing.length).toBeGreaterThan(3);
  });
});
