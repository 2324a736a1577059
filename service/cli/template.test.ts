/** `demo-data template` through the real binary. */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTaxonomy } from '../../taxonomy/index.ts';
import { runCli } from '../../testing/fixtures/run-cli.ts';
import { loadTaxonomyFile, readWorkbookFile } from '../xlsx/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-template-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Spawned processes compete with the rest of the suite for two cores; give them room.
describe.concurrent('demo-data template', { timeout: 120_000 }, () => {
  it('writes an empty Korean workbook that reads back as an empty taxonomy without issues', async () => {
    const out = join(dir, 'ko.xlsx');
    const { code, stdout } = await runCli(['template', '--lang', 'ko', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote ${out} (ko)`);
    const grids = await readWorkbookFile(out);
    expect(grids.map((g) => g.name)).toEqual(['안내', '제품', '이벤트', '이벤트 속성', '공통 속성', '유저 속성', '퍼널', 'Lists']);
    expect(grids.find((g) => g.name === '이벤트')?.rows).toEqual([['이름', '표시 이름', '카테고리', '설명', '속성']]);
    const parsed = await loadTaxonomyFile(out);
    expect(parsed.issues).toEqual([]);
    expect(parsed.taxonomy).toEqual({ ...emptyTaxonomy(), product: { ...emptyTaxonomy().product, language: 'ko' } });
  });

  it('refuses to overwrite a file without --force, and rejects an unknown language', async () => {
    const out = join(dir, 'existing.xlsx');
    await writeFile(out, 'keep me');
    const [existing, badLang] = await Promise.all([runCli(['template', out]), runCli(['template', '--lang', 'fr', join(dir, 'fr.xlsx')])]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toMatch(/already exists: choose another name or add --force/);
    expect((await stat(out)).size).toBe('keep me'.length);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toMatch(/--lang must be one of en, ko, zh, ja, not "fr"/);
  });
});
