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
});
