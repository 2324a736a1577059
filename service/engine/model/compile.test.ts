import { describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';
import { Rng } from '../random/prng.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../rules/check.ts';
import type { Rules } from '../rules/schema.ts';
import { compileModel } from './compile.ts';
import { createUser } from './create-user.ts';
import type { GenContext } from './values.ts';

function withProperties(extra: Rules['properties']): Rules {
  const base = gameRules();
  return { ...base, properties: [...base.properties, ...extra] };
}

describe('compileModel', () => {
  it('copy with no property reads the same name, and with nothing to copy uses the property rule for every event', () => {
    const t = gameTaxonomy();
    t.events = t.events.map((e) => (e.name === 'battle' ? { ...e, properties: [...e.properties, 'product_id'] } : e));
    const rules = withProperties([
      { property: 'product_id', value: { kind: 'list', values: ['cat_1', 'cat_2'] } },
      { property: 'product_id', event: 'battle', value: { kind: 'copy', fromEvent: 'shop_view' } },
    ]);
    // The general rule comes after the event rule in the list, as the analyzer writes them.
    rules.properties = [...rules.properties.filter((r) => r.property !== 'product_id' || r.event === 'battle'), ...rules.properties.filter((r) => r.property === 'product_id' && r.event === undefined)];
    const model = compileModel(t, rules, 0);
    const battle = model.events[model.eventIndex.get('battle')!]!;
    const slot = battle.props.findIndex((p) => p.name === 'product_id');
    const user = createUser(model, 1, 0, 0, null);
    const ctx: GenContext = { rng: new Rng(1, 0, 0), user, day: 0, localMs: 0, values: [] };
    const before = new Set(Array.from({ length: 20 }, () => battle.props[slot]!.gen(ctx)));
    expect([...before].every((v) => v === 'cat_1' || v === 'cat_2')).toBe(true);
    const shopView = model.events[model.eventIndex.get('shop_view')!]!;
    expect(shopView.rememberSlot).toBe(0);
    expect(shopView.rememberProps).toEqual([shopView.props.findIndex((p) => p.name === 'product_id')]);
    user.remembered = [['viewed_9']];
    expect(battle.props[slot]!.gen(ctx)).toBe('viewed_9');
  });

  it('trait.app_version passes the rules check and yields the version in the record presets', async () => {
    const t = gameTaxonomy();
    t.eventProperties.push({ name: 'client_version', type: 'string' } as (typeof t.eventProperties)[number], { name: 'version_tag', type: 'string' } as (typeof t.eventProperties)[number]);
    t.events = t.events.map((e) => (e.name === 'battle' ? { ...e, properties: [...e.properties, 'client_version', 'version_tag'] } : e));
    const rules = withProperties([
      { property: 'client_version', event: 'battle', value: { kind: 'trait', trait: 'app_version' } },
      { property: 'version_tag', event: 'battle', value: { kind: 'formula', expression: '"v" + trait.app_version' } },
    ]);
    expect(ruleErrors(checkRulesAgainstTaxonomy(rules, t))).toEqual([]);
    const { records } = await simulateLines(t, rules, { startDate: '2026-03-27', days: 5, dau: 40, seed: 3 });
    const battles = records.filter((r) => r.record['#event_name'] === 'battle');
    expect(battles.length).toBeGreaterThan(20);
    for (const { record } of battles) {
      expect(record.properties.client_version).toBe(record.properties['#app_version']);
      expect(record.properties.version_tag).toBe(`v${record.properties['#app_version'] as string}`);
    }
    expect(new Set(battles.map((b) => b.record.properties.client_version)).size).toBeGreaterThan(1);
  });

  it('compiles formulas with the taxonomy types, so a type mistake is reported rather than silently false', () => {
    const rules = withProperties([{ property: 'reward', event: 'level_up', value: { kind: 'formula', expression: 'user.level == "ten"' } }]);
    expect(() => compileModel(gameTaxonomy(), rules, 0)).toThrow(/compares a number with a string/);
  });
});
