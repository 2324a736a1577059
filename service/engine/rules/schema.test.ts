import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RulesSchema, rulesJsonSchema, type RulesInput } from './schema.ts';

const minimalRules: RulesInput = {
  version: 1,
  segments: [
    {
      name: 'casual',
      share: 1,
      activity: { day1: 0.4, halfLifeDays: 5, floor: 0.05, churnPerDay: 0.02, returnPerDay: 0.01 },
      sessionsPerDay: { kind: 'geometric', mean: 1.5 },
      sessionMinutes: { kind: 'lognormal', median: 6, sigma: 0.8 },
      gapMinutes: { kind: 'pareto', min: 20, alpha: 1.5 },
      eventsPerSession: { kind: 'poisson', mean: 8 },
    },
  ],
  lifecycle: [{ name: 'guest', allowEvents: ['app_start', 'register'] }],
  identity: { registerEvent: 'register' },
  events: [{ event: 'app_start', weight: 1, placement: 'session_start' }],
  properties: [{ property: 'price', event: 'purchase', value: { kind: 'range', min: 1, max: 99, decimals: 2 } }],
  monetization: {},
  hourOfDay: Array.from({ length: 24 }, () => 1),
  dayOfWeek: [1, 1, 1, 1, 1, 1.2, 1.2],
  acquisition: {},
  countries: [{ country: 'KR', share: 1 }],
  platforms: [{ platform: 'android', share: 1 }],
};

describe('RulesSchema', () => {
  it('fills defaults on a minimal rules object', () => {
    const rules = RulesSchema.parse(minimalRules);
    expect(rules.acquisition.historyDays).toBe(60);
    expect(rules.events[0]?.oncePerUser).toBe(false);
    expect(rules.targets.funnels).toEqual([]);
  });

  it('rejects a wrong hour profile with a path to the field', () => {
    const result = RulesSchema.safeParse({ ...minimalRules, hourOfDay: [1, 2] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['hourOfDay']);
  });

  it('converts to JSON Schema for structured output, with descriptions', () => {
    const schema = rulesJsonSchema();
    expect(schema.type).toBe('object');
    const text = JSON.stringify(schema);
    expect(text).toContain('halfLifeDays');
    expect(text).toContain('Probability of being active on the day after install');
    expect(() => z.toJSONSchema(RulesSchema, { io: 'output' })).not.toThrow();
  });
});
