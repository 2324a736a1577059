/**
 * A workbook saved again by LibreOffice Calc parses to the same taxonomy as the original: the
 * examples and ThinkingData's template layout, converted with `soffice --headless --convert-to xlsx`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTdTemplate } from '../../testing/fixtures/td-template.ts';
import { loadTaxonomyFile } from './load-taxonomy.ts';

const hasSoffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
const examples = ['mobile-game', 'ecommerce', 'saas'];

function convert(files: string[], outDir: string, profile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A private profile: a user's running LibreOffice (or a parallel test) would otherwise take the conversion.
    const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, ...files];
    const child = spawn('soffice', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`soffice exited with ${code}: ${stderr}`))));
  });
}

describe.skipIf(!hasSoffice)('LibreOffice round trip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'libreoffice-'));
    await mkdir(join(dir, 'in'));
    await mkdir(join(dir, 'out'));
    for (const name of examples) await copyFile(new URL(`../../examples/${name}.xlsx`, import.meta.url), join(dir, 'in', `${name}.xlsx`));
    await writeFile(join(dir, 'in', 'td-template.xlsx'), await buildTdTemplate());
    const files = [...examples, 'td-template'].map((n) => join(dir, 'in', `${n}.xlsx`));
    await convert(files, join(dir, 'out'), join(dir, 'profile'));
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([...examples, 'td-template'])('%s.xlsx re-saved by LibreOffice parses to the same taxonomy', async (name) => {
    const original = await loadTaxonomyFile(join(dir, 'in', `${name}.xlsx`));
    const resaved = await loadTaxonomyFile(join(dir, 'out', `${name}.xlsx`));
    expect(resaved.taxonomy).toEqual(original.taxonomy);
    expect(resaved.layout).toBe(original.layout);
    expect(resaved.issues).toEqual(original.issues);
  });
});

if (!hasSoffice) {
  describe('LibreOffice round trip', () => {
    it.skip('skipped: soffice is not on PATH; install it with `apt-get install -y libreoffice-calc-nogui` (Debian/Ubuntu)', () => {});
  });
}
