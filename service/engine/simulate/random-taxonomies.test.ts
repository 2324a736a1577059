/** Property-based: random small taxonomies, offline rules, and the invariants every run must keep. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { expectRunRecords } from '../fixtures/expect-run-records.ts';
import { simulateLines } from '../fixtures/simulate-lines.ts';

const name = fc.stringMatching(/^[a-z][a-z0-9_]{1,12}$/);
const propType = fc.constantFrom('number', 'string', 'boolean', 'time', 'list', 'object') as fc.Arbitrary<'number' | 'string' | 'boolean' | 'time' | 'list' | 'object'>;

const taxonomyArb: fc.Arbitrary<Taxonomy> = fc
  .record({
    events: fc.uniqueArray(name, { minLength: 1, maxLength: 6 }),
    props: fc.uniqueArray(fc.tuple(name, propType, fc.option(fc.constantFrom('range', 'list'), { nil: undefined })), { minLength: 0, maxLength: 8, selector: (p) => p[0] }),
    userProps: fc.uniqueArray(fc.tuple(name, fc.constantFrom('number', 'string'), fc.constantFrom('set', 'set_once', 'add')), { maxLength: 3, selector: (p) => p[0] }),
    picks: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    industry: fc.constantFrom('game', 'ecommerce', 'saas', ''),
  })
  .map(({ events, props, userProps, picks, industry }) => {
    const propNames = props.map((p) => p[0]).filter((n) => !events.includes(n));
    const eventProperties = props
      .filter((p) => propNames.includes(p[0]))
      .flatMap(([n, type, allowed]) => {
        const row = { name: n, type, ...(allowed === 'range' && type === 'number' ? { allowed: { kind: 'range', min: 1, max: 50 } } : allowed === 'list' && type === 'string' ? { allowed: { kind: 'list', values: ['a', 'b', 'c'] } } : {}) };
        return type === 'object' ? [row, { name: `${n}.id`, type: 'string' }, { name: `${n}.count`, type: 'number' }] : [row];
      });
    return TaxonomySchema.parse({
      product: { name: 'random', industry, platforms: ['android'] },
      events: events.map((e, i) => ({ name: e, properties: propNames.filter((_, j) => (picks[(i + j) % picks.length]! + j) % 2 === 0) })),
      eventProperties,
      commonProperties: [],
      userProperties: userProps.filter((u) => !propNames.includes(u[0])).map(([n, type, update]) => ({ name: n, type: update === 'add' ? 'number' : type, update })),
      funnels: events.length >= 2 ? [{ name: 'f', steps: events.slice(0, 2), stepConversion: [null, 0.5] }] : [],
    });
  });

describe('random taxonomies', () => {
  it('always produce valid, ordered, in-range records', async () => {
    await fc.assert(
      fc.asyncProperty(taxonomyArb, fc.integer({ min: 1, max: 1000 }), async (taxonomy, seed) => {
        const rules = analyzeOffline(taxonomy);
        const { records } = await simulateLines(taxonomy, rules, { startDate: '2026-05-01', days: 2, dau: 25, seed });
        expect(records.length).toBeGreaterThan(0);
        expectRunRecords(records, ['2026-05-01', '2026-05-02']);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
