import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as arb from '../testing/taxonomy-arbitrary.ts';
import { canonicalTaxonomyJson } from './canonical-json.ts';
import { mergeAdditions } from './merge.ts';
import { emptyTaxonomy, type Taxonomy } from './model.ts';

function userTaxonomy(): Taxonomy {
  const t = emptyTaxonomy();
  t.product.name = 'Mine';
  t.events.push({ name: 'Login', displayName: 'Log in', category: '', description: '', properties: ['method'] });
  t.eventProperties.push({ name: 'method', displayName: '', type: 'string', description: 'how', allowed: { kind: 'list', values: ['guest'] } });
  t.userProperties.push({ name: 'coins', displayName: '', type: 'number', description: '', update: 'add' });
  t.funnels.push({ name: 'onboarding', description: '', steps: ['Login'], stepConversion: [], windowHours: 24 });
  return t;
}

describe('mergeAdditions', () => {
  it('adds new rows, fills only empty cells and appends new properties to existing events', () => {
    const before = userTaxonomy();
    const { taxonomy, added, skipped } = mergeAdditions(before, {
      product: { name: 'Theirs', industry: 'game', targets: { d1: 0.4 } },
      events: [
        { name: 'login', displayName: 'Sign in', category: 'account', properties: ['METHOD', 'device'] },
        { name: 'purchase', properties: ['price'] },
      ],
      eventProperties: [
        { name: 'Method', type: 'number', description: 'other', displayName: 'Method' },
        { name: 'price', type: 'number', allowed: { kind: 'range', min: 1, max: 100 } },
        { name: 'device', type: 'string' },
      ],
      userProperties: [{ name: 'price', type: 'string' }, { name: 'level', type: 'number', update: 'set' }, { name: 'bad name', type: 'string' }],
      funnels: [{ name: 'Onboarding', description: 'first day', steps: ['Login', 'purchase'] }, { name: 'empty' }],
    });
    expect(before).toEqual(userTaxonomy());
    expect(taxonomy.product).toMatchObject({ name: 'Mine', industry: 'game', targets: { d1: 0.4 } });
    expect(taxonomy.events).toEqual([
      { name: 'Login', displayName: 'Log in', category: 'account', description: '', properties: ['method', 'device'] },
      { name: 'purchase', displayName: '', category: '', description: '', properties: ['price'] },
    ]);
    expect(taxonomy.eventProperties.map((p) => [p.name, p.type, p.displayName, p.description])).toEqual([
      ['method', 'string', 'Method', 'how'],
      ['price', 'number', '', ''],
      ['device', 'string', '', ''],
    ]);
    expect(taxonomy.userProperties.map((p) => p.name)).toEqual(['coins', 'level']);
    expect(taxonomy.funnels).toEqual([{ name: 'onboarding', description: 'first day', steps: ['Login'], stepConversion: [], windowHours: 24 }]);
    expect(added.filter((a) => a.change === 'row').map((a) => `${a.section}:${a.name}`)).toEqual([
      'eventProperties:price', 'eventProperties:device', 'userProperties:level', 'events:purchase',
    ]);
    expect(skipped.map((s) => `${s.section}:${s.name}:${s.field ?? ''}`)).toEqual([
      'product:product:name',
      'eventProperties:Method:type',
      'eventProperties:method:description',
      'userProperties:price:',
      'userProperties:bad name:',
      'events:Login:displayName',
      'funnels:onboarding:steps',
      'funnels:empty:',
    ]);
    expect(skipped.every((s) => s.reason.length > 0)).toBe(true);
  });
});

describe('canonicalTaxonomyJson', () => {
  it('is the same for equal taxonomies whatever their key order, and differs when content differs', () => {
    const a = userTaxonomy();
    const reverse = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const reordered = reverse({ ...a, product: reverse(a.product), events: a.events.map(reverse) });
    expect(Object.keys(reordered)[0]).toBe('funnels');
    expect(canonicalTaxonomyJson(reordered)).toBe(canonicalTaxonomyJson(a));
    expect(canonicalTaxonomyJson(a)).not.toBe(canonicalTaxonomyJson({ ...a, funnels: [] }));
  });
});

describe('mergeAdditions, for any taxonomy and any draft', () => {
  const nonEmpty = (v: unknown) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  const draft = fc.record(
    {
      product: arb.product.map((p) => ({ name: p.name, industry: p.industry, description: p.description, targets: p.targets })),
      events: fc.array(arb.eventDef),
      eventProperties: fc.array(arb.propertyDef),
      commonProperties: fc.array(arb.propertyDef),
      userProperties: fc.array(arb.userPropertyDef),
      funnels: fc.array(arb.funnelDef),
    },
    { requiredKeys: [] },
  );

  it('keeps every row and every non-empty cell of the user, and reports each new row', () => {
    fc.assert(
      fc.property(arb.taxonomy, draft, (t, additions) => {
        const { taxonomy, added } = mergeAdditions(t, additions);
        for (const section of ['events', 'eventProperties', 'commonProperties', 'userProperties', 'funnels'] as const) {
          const before = t[section] as unknown as Record<string, unknown>[];
          const after = taxonomy[section] as unknown as Record<string, unknown>[];
          expect(after.length).toBe(before.length + added.filter((a) => a.section === section && a.change === 'row').length);
          before.forEach((row, i) => {
            for (const [key, value] of Object.entries(row)) {
              if (!nonEmpty(value)) continue;
              if (key === 'properties') expect((after[i]![key] as string[]).slice(0, (value as string[]).length)).toEqual(value);
              else expect(after[i]![key]).toEqual(value);
            }
          });
        }
        for (const [key, value] of Object.entries(t.product)) if (nonEmpty(value) && key !== 'targets') expect(taxonomy.product[key as keyof typeof t.product]).toEqual(value);
        for (const [key, value] of Object.entries(t.product.targets)) expect(taxonomy.product.targets[key as keyof typeof t.product.targets]).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
});
