/** Invariants over the three example workbooks' taxonomies with their offline rules. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../examples/build-examples.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { expectRunRecords } from '../fixtures/expect-run-records.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

describe.each(Object.keys(EXAMPLES))('example %s', (name) => {
  it('simulates valid records that keep dates, order, first events and user_add totals', async () => {
    const taxonomy = EXAMPLES[name]!;
    const rules = analyzeOffline(taxonomy);
    const { records, insights } = await simulateLines(taxonomy, rules, { startDate: '2026-06-01', days: 2, dau: 60, seed: 4 });
    expect(records.length).toBeGreaterThan(100);
    expectRunRecords(records, ['2026-06-01', '2026-06-02']);
    const addTotals = new Map<string, number>();
    for (const { record } of records) {
      if (record['#type'] === 'user_add') {
        for (const [k, v] of Object.entries(record.properties)) {
          expect(typeof v).toBe('number');
          addTotals.set(k, (addTotals.get(k) ?? 0) + (v as number));
        }
      }
    }
    // The insights describe what was written.
    expect(insights.totals.events).toBe(records.filter((r) => r.record['#type'] === 'track').length);
    // Every user_add property is fed by an event property of the same run (totals equal the events' sums).
    for (const u of rules.userUpdates.filter((x) => x.method === 'add' && x.value.kind === 'event_property')) {
      const source = u.value.kind === 'event_property' ? u.value.property : '';
      const fromEvents = records
        .filter((r) => r.record['#event_name'] === u.event)
        .reduce((s, r) => s + (typeof r.record.properties[source] === 'number' ? (r.record.properties[source] as number) : 0), 0);
      if (rules.userUpdates.filter((x) => x.property === u.property && x.method === 'add').length === 1) expect(addTotals.get(u.property) ?? 0).toBeCloseTo(fromEvents, 4);
    }
  }, 60_000);

  it('gives events that carry a user property the value the profile holds, from the first event on', async () => {
    const taxonomy = EXAMPLES[name]!;
    const rules = analyzeOffline(taxonomy);
    // Which event property reads which user property (an event's own rule before a general one).
    const mirrorOf = (event: string, property: string) => {
      const r = rules.properties.find((x) => x.event === event && x.property === property) ?? rules.properties.find((x) => x.event === undefined && x.property === property);
      return r?.value.kind === 'user_property' ? r.value : null;
    };
    const started = new Set(rules.initialUserProperties.map((p) => p.property));
    const levels = new Set(rules.userUpdates.filter((u) => u.method === 'set' && u.value.kind === 'event_property' && /level/.test(u.property)).map((u) => u.property));
    const { records } = await simulateLines(taxonomy, rules, { startDate: '2026-06-01', days: 3, dau: 80, seed: 9 });
    // Replays the profiles in file order, as ThinkingEngine would build them.
    const profiles = new Map<string, Record<string, unknown>>();
    let checked = 0;
    for (const { record } of records) {
      const id = record['#distinct_id'] as string;
      const profile = profiles.get(id) ?? {};
      profiles.set(id, profile);
      const type = record['#type'];
      for (const [k, v] of Object.entries(record.properties)) {
        // A level only goes up.
        if (type === 'user_set' && levels.has(k) && typeof profile[k] === 'number') expect(v as number, `${k} of ${id}`).toBeGreaterThanOrEqual(profile[k] as number);
        if (type === 'user_set') profile[k] = v;
        else if (type === 'user_setOnce') profile[k] ??= v;
        else if (type === 'user_add') profile[k] = ((profile[k] as number | undefined) ?? 0) + (v as number);
      }
      if (type !== 'track') continue;
      for (const [k, v] of Object.entries(record.properties)) {
        const mirror = mirrorOf(record['#event_name'] as string, k);
        if (!mirror) continue;
        const held = profile[mirror.property];
        // A user property with a starting value is on the profile before any event reads it.
        if (started.has(mirror.property)) expect(held, `${record['#event_name']}.${k} before ${mirror.property} was set`).toBeDefined();
        if (held === undefined) continue;
        expect(v, `${record['#event_name']}.${k} against the profile's ${mirror.property}`).toEqual(typeof held === 'number' ? held + (mirror.add ?? 0) : held);
        checked++;
      }
    }
    // The SaaS workbook's user properties are each set by the events that carry them (the plan a
    // subscription starts), so no event reads one back there.
    if (name !== 'saas') expect(checked).toBeGreaterThan(20);
  }, 60_000);

  it('starts a user with their install, and counts stepped events 1, 2, 3 … in order', async () => {
    const taxonomy = EXAMPLES[name]!;
    const rules = analyzeOffline(taxonomy);
    const firsts = new Set(rules.events.filter((e) => e.oncePerUser && e.placement === 'session_start').map((e) => e.event));
    const counters = rules.properties.filter((p) => p.value.kind === 'counter');
    const { records } = await simulateLines(taxonomy, rules, { startDate: '2026-06-01', days: 3, dau: 120, seed: 21 });
    const seen = new Map<string, number>();
    const counted = new Map<string, number>();
    for (const { record } of records) {
      if (record['#type'] !== 'track') continue;
      const id = record['#distinct_id'] as string;
      const event = record['#event_name'] as string;
      const before = seen.get(id) ?? 0;
      seen.set(id, before + 1);
      // An install (a once-per-user event that opens a session) is nobody's second event.
      if (firsts.has(event)) expect(before, `${event} of ${id}`).toBe(0);
      for (const c of counters.filter((x) => x.event === event)) {
        const key = `${id}|${event}|${c.property}`;
        const next = (counted.get(key) ?? (c.value.kind === 'counter' ? c.value.start : 1) - 1) + 1;
        expect(record.properties[c.property], key).toBe(next);
        counted.set(key, next);
      }
    }
    if (name === 'mobile-game') {
      // Outcomes and counts agree with what follows from them, on every record.
      const kinds = new Set(records.map((x) => x.record['#event_name']));
      expect(kinds.has('pvp_match_end') && kinds.has('hero_summon')).toBe(true);
      for (const { record: r } of records) {
        if (r['#event_name'] === 'pvp_match_end') {
          const change = r.properties.rank_point_change as number;
          const result = r.properties.pvp_result;
          expect(result === 'win' ? change > 0 : result === 'lose' ? change < 0 : change === 0, `${String(result)} ${change}`).toBe(true);
        }
        if (r['#event_name'] === 'hero_summon') expect(r.properties.gem_spent).toBe((r.properties.pull_count as number) * 300);
      }
      // A hero's grade is the same on every record that names the hero.
      const grades = new Map<unknown, Set<unknown>>();
      for (const { record: r } of records) if (r['#event_name'] === 'hero_upgrade') (grades.get(r.properties.hero_id) ?? grades.set(r.properties.hero_id, new Set()).get(r.properties.hero_id)!).add(r.properties.hero_grade);
      expect(grades.size).toBeGreaterThan(2);
      for (const [hero, seen] of grades) expect(seen.size, String(hero)).toBe(1);
      // The tutorial's eight steps, one to eight, for the new users who went through it.
      expect(counters.map((c) => `${c.event}.${c.property}`)).toEqual(['tutorial_step.step_index']);
      expect([...counted.values()].filter((n) => n === 8).length).toBeGreaterThan(5);
    }
  }, 60_000);
});
