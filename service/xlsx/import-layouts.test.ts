/**
 * Foreign layouts end to end: files built in ThinkingData's template layout and both generator
 * layouts, and the two shared peer-layout files, read by this reader and parsed by the taxonomy
 * parser. Everything the files hold must arrive.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWorkbook, type SheetGrid, type Taxonomy } from '../../taxonomy/index.ts';
import { buildFixtures, type FixtureName } from '../../testing/fixtures/build-fixtures.ts';
import { FIXTURE, UPDATE_METHOD_OF } from '../../testing/fixtures/spec.ts';
import { loadTaxonomyFile } from './load-taxonomy.ts';
import { readWorkbookFile } from './read-workbook.ts';

/** The shared peer-layout files live beside the repository (`../shared/fixtures`), not in it. */
const SHARED = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));

let dir: string;
let paths: Record<FixtureName, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-layouts-'));
  paths = await buildFixtures(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An event "has" a property when it lists it, its object parent, or (for a parent) one of its children. */
function covers(listed: readonly string[], name: string): boolean {
  return listed.some((l) => l === name || name.startsWith(`${l}.`) || l.startsWith(`${name}.`));
}

function expectFixtureArrived(t: Taxonomy, withFunnels: boolean): void {
  expect(t.events.map((e) => e.name)).toEqual(FIXTURE.events.map((e) => e.name));
  for (const spec of FIXTURE.events) {
    const event = t.events.find((e) => e.name === spec.name)!;
    expect(event).toMatchObject({ displayName: spec.alias, description: spec.description, category: spec.tag });
    for (const p of spec.properties) expect(covers(event.properties, p.name), `${spec.name} carries ${p.name}`).toBe(true);
    if (spec.properties.length === 0) expect(event.properties).toEqual([]);
  }
  const specProps = new Map(FIXTURE.events.flatMap((e) => e.properties.map((p) => [p.name, p] as const)));
  expect(new Set(t.eventProperties.map((p) => p.name))).toEqual(new Set(specProps.keys()));
  for (const p of t.eventProperties) expect(p).toMatchObject({ type: specProps.get(p.name)!.type, displayName: specProps.get(p.name)!.alias });
  expect(t.commonProperties.map((p) => [p.name, p.type, p.displayName])).toEqual(FIXTURE.commonProperties.map((p) => [p.name, p.type, p.alias]));
  expect(t.userProperties.map((p) => [p.name, p.type, p.update])).toEqual(FIXTURE.userProperties.map((p) => [p.name, p.type, UPDATE_METHOD_OF[p.update]]));
  if (!withFunnels) return;
  expect(t.funnels.map((f) => [f.name, f.steps])).toEqual(FIXTURE.funnels.map((f) => [f.name, f.steps]));
  FIXTURE.funnels.forEach((spec, i) => {
    const overall = t.funnels[i]!.stepConversion.reduce<number>((acc, c) => acc * (c ?? 1), 1);
    expect(overall).toBeCloseTo(spec.conversion, 2);
  });
}

describe.each([
  ['tdTemplate', 'td-template', false],
  ['tdTemplateVisibleExplanation', 'td-template', false],
  ['generatorKorean', 'td-generator', true],
  ['generatorEnglish', 'td-generator', true],
] as const)('%s fixture', (name, layout, withFunnels) => {
  it('arrives whole, with no errors, as the right layout', async () => {
    const parsed = await loadTaxonomyFile(paths[name]);
    expect(parsed.layout).toBe(layout);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expectFixtureArrived(parsed.taxonomy, withFunnels);
  });
});

/** Names in column `col` of the event sheet's rows below its header, straight from the grid. */
function columnNames(grid: SheetGrid, col: number): Set<string> {
  return new Set(
    grid.rows
      .slice(1)
      .map((r) => r[col])
      .filter((v): v is string => typeof v === 'string' && v !== ''),
  );
}

describe.skipIf(!existsSync(SHARED)).each([
  ['peer-layout-mobile-game.xlsx', { events: 18, common: 5, user: 11, funnels: 3 }],
  ['peer-layout-ecommerce.xlsx', { events: 14, common: 4, user: 8, funnels: 3 }],
])('shared fixture %s', (file, counts) => {
  it('arrives whole: every event, event property (children included), common and user property, funnel', async () => {
    const grids = await readWorkbookFile(join(SHARED, file));
    const { taxonomy: t, issues } = parseWorkbook(grids);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const eventSheet = grids.find((g) => /event|이벤트/i.test(g.name))!;
    expect(new Set(t.events.map((e) => e.name))).toEqual(columnNames(eventSheet, 0));
    expect(new Set(t.eventProperties.map((p) => p.name))).toEqual(columnNames(eventSheet, 4));
    expect(t.eventProperties.some((p) => p.name.includes('.'))).toBe(true);
    for (const row of eventSheet.rows.slice(1)) {
      const [event, , , , prop] = row;
      if (typeof prop !== 'string' || prop === '') continue;
      expect(covers(t.events.find((e) => e.name === event)!.properties, prop), `${String(event)} carries ${prop}`).toBe(true);
    }
    expect(t.events).toHaveLength(counts.events);
    expect(t.commonProperties).toHaveLength(counts.common);
    expect(t.userProperties).toHaveLength(counts.user);
    expect(t.funnels).toHaveLength(counts.funnels);
    for (const f of t.funnels) for (const step of f.steps) expect(t.events.map((e) => e.name)).toContain(step);
  });
});

describe.skipIf(!existsSync(SHARED))('generator fixtures copy the shared files\' layouts', () => {
  it.each([
    ['generatorKorean', 'peer-layout-mobile-game.xlsx'],
    ['generatorEnglish', 'peer-layout-ecommerce.xlsx'],
  ] as const)('%s has the sheets, header rows and merge style of %s', async (name, shared) => {
    const [ours, theirs] = await Promise.all([readWorkbookFile(paths[name]), readWorkbookFile(join(SHARED, shared))]);
    expect(ours.map((g) => [g.name, g.rows[0]])).toEqual(theirs.map((g) => [g.name, g.rows[0]]));
    // Merged event cells in one layout, repeated ones in the other, always over columns A-D only.
    const mergeColumns = (grids: typeof ours) => [...new Set(grids.flatMap((g) => (g.merges ?? []).map((m) => m.left)))].sort();
    expect(mergeColumns(ours)).toEqual(mergeColumns(theirs));
  });
});
