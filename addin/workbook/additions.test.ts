import { afterEach, describe, expect, it } from 'vitest';
import { createFakeExcel, installFakeExcel, type FakeExcelHost } from '../../testing/fake-excel/index.ts';
import type { TaxonomyAdditions } from '../../taxonomy/index.ts';
import { acceptedAdditions, draftItems, planAdditions } from './additions.ts';
import { applyPlan } from './apply-plan.ts';
import { OfficeGateway } from './office-gateway.ts';
import { readTaxonomy, templateSheets } from './taxonomy-sheets.ts';

let host: FakeExcelHost;
let uninstall = () => undefined as void;
afterEach(() => uninstall());

async function workbookWithUserRows(language: 'en' | 'ko' = 'en'): Promise<OfficeGateway> {
  host = createFakeExcel();
  uninstall = installFakeExcel(host);
  const gateway = new OfficeGateway();
  const { templates, dropdowns } = templateSheets(language);
  await gateway.createSheets(templates, dropdowns);
  const events = templates[1]!.grid.name;
  const props = templates[2]!.grid.name;
  await gateway.appendRows(events, [['login', 'My login', 'session', 'My own words', 'channel']]);
  await gateway.appendRows(props, [['channel', '', 'string', '', '']]);
  return gateway;
}

const draft: TaxonomyAdditions = {
  product: { name: 'Puzzle Quest', industry: 'game' },
  events: [
    { name: 'login', displayName: 'AI login', description: 'AI words', properties: ['channel', 'is_first'] },
    { name: 'purchase', displayName: 'Purchase', category: 'monetization', properties: ['amount'] },
    { name: 'share', properties: [] },
  ],
  eventProperties: [
    { name: 'channel', type: 'number', description: 'AI channel' },
    { name: 'amount', type: 'number', description: 'Price paid' },
    { name: 'is_first', type: 'boolean' },
  ],
  funnels: [{ name: 'buy', steps: ['login', 'purchase'] }],
};

describe('AI additions into the sheets', () => {
  it('lists proposals as a diff, marking names the user already has', async () => {
    const gateway = await workbookWithUserRows();
    const { taxonomy } = await readTaxonomy(gateway);
    const items = draftItems(taxonomy, draft);
    expect(items.filter((i) => i.present).map((i) => `${i.section}:${i.name}`)).toEqual(['events:login', 'eventProperties:channel']);
    expect(items.filter((i) => !i.present).map((i) => i.name)).toEqual(['purchase', 'share', 'amount', 'is_first', 'buy']);
  });

  it('appends only accepted new rows and never overwrites what the user wrote', async () => {
    const gateway = await workbookWithUserRows();
    const before = await readTaxonomy(gateway);
    const accepted = new Set(['events:purchase', 'eventProperties:amount', 'eventProperties:is_first', 'funnels:buy', 'events:login']);
    const plan = planAdditions(before.grids, before.taxonomy, acceptedAdditions(draft, accepted), 'en');
    host.resetStats();
    await applyPlan(gateway, plan);

    expect(host.doc.rowsOf('Events')).toEqual([
      ['Name', 'Display Name', 'Category', 'Description', 'Properties'],
      ['login', 'My login', 'session', 'My own words', 'channel, is_first'],
      ['purchase', 'Purchase', 'monetization', '', 'amount'],
    ]);
    const after = await readTaxonomy(gateway);
    expect(after.layout).toBe('canonical');
    expect(after.taxonomy.eventProperties.map((p) => [p.name, p.type, p.description])).toEqual([
      ['channel', 'string', ''],
      ['amount', 'number', 'Price paid'],
      ['is_first', 'boolean', ''],
    ]);
    expect(after.taxonomy.funnels.map((f) => f.steps)).toEqual([['login', 'purchase']]);
    expect(after.taxonomy.product.name).toBe('Puzzle Quest');
    expect(after.taxonomy.events.map((e) => e.name)).not.toContain('share');

    // Applying the same draft again adds nothing.
    const again = planAdditions(after.grids, after.taxonomy, acceptedAdditions(draft, accepted), 'en');
    expect(again.appends).toEqual([]);
    expect(again.cells).toEqual([]);
  });

  it('creates Korean template sheets with dropdowns and reads them back as the canonical layout', async () => {
    await workbookWithUserRows('ko');
    expect(host.doc.sheets.map((s) => s.name)).toEqual(['Sheet1', '제품', '이벤트', '이벤트 속성', '공통 속성', '유저 속성', '퍼널', 'DemoData Lists']);
    const gateway = new OfficeGateway();
    const parsed = await readTaxonomy(gateway);
    expect(parsed.layout).toBe('canonical');
    expect(parsed.taxonomy.events.map((e) => e.name)).toEqual(['login']);
    expect(host.doc.sheet('이벤트 속성')!.validations[0]!.source).toContain('DemoData Lists');
  });
});
