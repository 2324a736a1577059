import { describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';
import { COUNTRIES } from '../presets/countries.ts';
import { FAKER_METHODS } from '../rules/schema.ts';
import { loadFaker } from './faker.ts';

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

  it('draws every method the rules may name, in every country\'s locale, as text a user of that country could have', async () => {
    const draw = await loadFaker();
    const locales = [...new Set(COUNTRIES.map((c) => c.fakerLocale))];
    expect(locales.length).toBeGreaterThan(10);
    for (const locale of locales) {
      const values = draw(locale, 7, FAKER_METHODS);
      FAKER_METHODS.forEach((m, i) => expect(values[i]!.trim(), `${m} in ${locale}`).not.toBe(''));
      // Same seed, same values; another seed, another user.
      expect(draw(locale, 7, FAKER_METHODS)).toEqual(values);
      expect(draw(locale, 8, FAKER_METHODS)).not.toEqual(values);
      const nickname = values[FAKER_METHODS.indexOf('internet.userName')]!;
      const email = values[FAKER_METHODS.indexOf('internet.email')]!;
      // No transliteration noise: an address's local part is letters, digits and . _ - only,
      // and a nickname has letters (Hangul, kana, hanzi, Latin, …), not a run of hex-like pairs.
      expect(email, locale).toMatch(/^[A-Za-z0-9._-]+@[a-z0-9.-]+\.[a-z]+$/);
      expect(email, locale).not.toMatch(/\d[a-z]\d[a-z]\d[a-z]/);
      expect(nickname, locale).toMatch(/\p{L}/u);
      expect(nickname, locale).not.toMatch(/\d[a-z]\d[a-z]\d[a-z]/);
    }
    // Korean users' nicknames are written in Hangul, their addresses in Latin letters.
    const [nick, mail] = draw('ko', 3, ['internet.userName', 'internet.email']);
    expect(nick).toMatch(/[\uac00-\ud7a3]/);
    expect(mail).toMatch(/^[A-Za-z]/);
  });
});
