/** Invariants over the three example workbooks' taxonomies with their offline rules. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../examples/build-examples.ts';
import { createRecordValidator } from '../../te/validate.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

describe.each(Object.keys(EXAMPLES))('example %s', (name) => {
  it('simulates valid records that keep dates, order, first events and user_add totals', async () => {
    const taxonomy = EXAMPLES[name]!;
    const rules = analyzeOffline(taxonomy);
    const { records, insights } = await simulateLines(taxonomy, rules, { startDate: '2026-06-01', days: 2, dau: 60, seed: 4 });
    expect(records.length).toBeGreaterThan(100);
    const validator = createRecordValidator();
    const firsts = new Set<string>();
    const addTotals = new Map<string, number>();
    let lastDay = 0;
    for (const { record, day } of records) {
      expect(validator.validate(record)).toEqual([]);
      expect(['2026-06-01', '2026-06-02']).toContain((record['#time'] as string).slice(0, 10));
      expect(day).toBeGreaterThanOrEqual(lastDay);
      lastDay = day;
      if (record['#first_check_id']) {
        const key = `${record['#distinct_id'] as string}/${record['#event_name'] as string}`;
        expect(firsts.has(key)).toBe(false);
        firsts.add(key);
      }
      if (record['#type'] === 'user_add') {
        for (const [k, v] of Object.entries(record.properties)) {
          expect(typeof v).toBe('number');
          addTotals.set(k, (addTotals.get(k) ?? 0) + (v as number));
        }
      }
    }
    // Facts describe what was written.
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
});
