/**
 * The committed example workbooks: up to date with their typed sources, shaped as the README says,
 * clean under `demo-data validate`, and a broken copy gets every problem reported at its cell.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWorkbook, UPDATE_METHODS } from '../taxonomy/index.ts';
import { loadTaxonomyFile, writeWorkbookBuffer } from '../service/xlsx/index.ts';
import { runCli } from '../testing/fixtures/run-cli.ts';
import { EXAMPLES } from './build-examples.ts';
import { ecommerce } from './ecommerce.ts';

const dir = import.meta.dirname;
const names = Object.keys(EXAMPLES);

describe.each(names)('example %s', { timeout: 120_000 }, (name) => {
  const taxonomy = EXAMPLES[name]!;

  it('is committed as an .xlsx that reads back to its typed source (run `npm run examples` after editing)', async () => {
    const parsed = await loadTaxonomyFile(join(dir, `${name}.xlsx`));
    expect(parsed.taxonomy).toEqual(taxonomy);
    expect(parsed.layout).toBe('canonical');
  });

  it('is a realistic taxonomy: 15–40 described events, allowed values of every kind, all update methods, targeted funnels', () => {
    expect(taxonomy.events.length).toBeGreaterThanOrEqual(15);
    expect(taxonomy.events.length).toBeLessThanOrEqual(40);
    for (const e of taxonomy.events) expect(e.displayName && e.description, e.name).toBeTruthy();
    const kinds = new Set([...taxonomy.eventProperties, ...taxonomy.commonProperties].map((p) => p.allowed?.kind).filter(Boolean));
    expect([...kinds].sort()).toEqual(['list', 'range', 'weighted']);
    expect(new Set(taxonomy.userProperties.map((p) => p.update))).toEqual(new Set(UPDATE_METHODS));
    expect(taxonomy.commonProperties.length).toBeGreaterThan(0);
    expect(taxonomy.funnels.length).toBeGreaterThanOrEqual(2);
    expect(taxonomy.funnels.length).toBeLessThanOrEqual(4);
    for (const f of taxonomy.funnels) expect(f.stepConversion.slice(1).every((c) => typeof c === 'number')).toBe(true);
    const p = taxonomy.product;
    expect(p.countries.length).toBeGreaterThan(1);
    expect(p.countries.every((c) => c.timeZone !== '')).toBe(true);
    expect(p).toMatchObject({ startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), days: expect.any(Number), targetDau: expect.any(Number), seed: expect.any(Number) });
    expect(Object.keys(p.targets).sort()).toEqual(expect.arrayContaining(['d1', 'd30', 'd7', 'payerRate']));
    expect(p.scenario).not.toBe('');
  });

  it('passes demo-data validate with no errors', async () => {
    const result = await runCli(['validate', join(dir, `${name}.xlsx`)]);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(/^error/m);
    expect(result.stdout).toMatch(/: 0 errors, /);
    expect(result.code).toBe(0);
  });
});

describe('a broken copy of an example', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'broken-example-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('gets each problem printed with its cell address, and exit code 1', async () => {
    const grids = renderWorkbook(ecommerce, 'en');
    const cell = (sheet: string, address: string, value: string) => {
      const [, col, row] = /^([A-Z])(\d+)$/.exec(address)!;
      grids.find((g) => g.name === sheet)!.rows[Number(row) - 1]![col!.charCodeAt(0) - 65] = value;
    };
    cell('Events', 'A4', '3rd_login'); // a name TE refuses
    cell('Events', 'E6', 'search_keyword, no_such_prop'); // an undefined property
    cell('Event Properties', 'C5', 'blob'); // not a type
    cell('Event Properties', 'E10', '10..1'); // a range backwards
    cell('User Properties', 'D5', 'sometimes'); // not an update method
    cell('Funnels', 'C3', 'search, ghost_event, add_to_cart'); // an unknown step
    const path = join(tmp, 'broken.xlsx');
    await writeFile(path, await writeWorkbookBuffer(grids, { language: 'en' }));

    const result = await runCli(['validate', path]);
    expect(result.code).toBe(1);
    const errorLines = result.stdout.split('\n').filter((l) => l.startsWith('error'));
    for (const address of ['Events!A4', 'Events!E6', "'Event Properties'!C5", "'Event Properties'!E10", "'User Properties'!D5", 'Funnels!C3']) {
      expect(errorLines.some((l) => l.includes(` ${address} `)), `an error at ${address} in:\n${result.stdout}`).toBe(true);
    }
    expect(result.stdout).toContain('"3rd_login"');
    expect(result.stdout).toContain('"no_such_prop"');
    expect(result.stdout).toContain('"ghost_event"');
  });
});
