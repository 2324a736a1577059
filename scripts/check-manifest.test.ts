import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADDIN_ID, checkManifest } from './check-manifest.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = readFileSync(path.join(repo, 'manifest.xml'), 'utf8');
// The XSDs live beside the repository (shared/ next to the clone), not inside it.
const xsd = path.resolve(repo, '../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('manifest.xml', () => {
  it.skipIf(!hasXmllint || !existsSync(xsd))('validates against the Office manifest XSD (needs xmllint and ../shared)', () => {
    const result = spawnSync('xmllint', ['--noout', '--schema', xsd, 'manifest.xml'], { cwd: repo, encoding: 'utf8' });
    expect(result.stderr).toContain('manifest.xml validates');
    expect(result.status).toBe(0);
  });

  it('passes the resource, https and Id checks', () => {
    expect(checkManifest(manifest)).toEqual([]);
    expect(manifest).toContain(`<Id>${ADDIN_ID}</Id>`);
  });

  it('puts the ribbon button on the Home tab and requires the ExcelApi set the pane uses', () => {
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*xsi:type="ShowTaskpane"/);
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.9"\/>/);
    for (const size of [16, 32, 64, 80]) expect(existsSync(path.join(repo, `addin/assets/icon-${size}.png`))).toBe(true);
  });

  it('reports a missing resource, an http URL and a changed Id', () => {
    const broken = manifest
      .replace('<bt:Image id="Icon.80x80"', '<bt:Image id="Icon.80x80.old"')
      .replace('https://localhost:3000/assets/icon-16.png', 'http://localhost:3000/assets/icon-16.png')
      .replace(ADDIN_ID, '3f84fe04-e295-459c-a5a5-b71e85901c8a');
    const problems = checkManifest(broken);
    expect(problems).toContainEqual(expect.stringContaining('resid "Icon.80x80" is used but not declared'));
    expect(problems).toContainEqual(expect.stringContaining('"http://localhost:3000/assets/icon-16.png" must use https'));
    expect(problems).toContainEqual(expect.stringContaining('<Id> changed'));
    expect(checkManifest(manifest.replace(ADDIN_ID, 'not-a-guid'))).toContainEqual(expect.stringContaining('not a valid GUID'));
  });

  it('the command line exits 1 on a broken manifest and 0 on the real one', () => {
    const ok = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-manifest.ts', 'manifest.xml'], { cwd: repo, encoding: 'utf8' });
    expect(ok).toContain('manifest.xml: ok');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-manifest.ts', 'webpack.config.js'], { cwd: repo, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Expected exactly one <Id>');
  });
});
