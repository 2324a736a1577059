/**
 * `demo-data validate` through the real binary: bad input gets one clear line and its exit code.
 * Each spawn costs about 2 s of CPU (tsx compiles the sources), so the cases are kept few.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetGrid } from '../../taxonomy/index.ts';
import { runCli } from '../../testing/fixtures/run-cli.ts';
import { writeWorkbookBuffer } from '../xlsx/index.ts';

let dir: string;
const file = (name: string) => join(dir, name);

async function workbook(name: string, grids: SheetGrid[]): Promise<string> {
  await writeFile(file(name), await writeWorkbookBuffer(grids, { language: 'en' }));
  return file(name);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-validate-'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Events').addRow(['Name']);
  const good = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await writeFile(file('corrupt.xlsx'), good.subarray(0, good.length >> 1));
  await writeFile(file('table.xlsx'), 'name,type\nlogin,string\n');
  await workbook('no-events.xlsx', [{ name: 'Notes', rows: [['hello']] }]);
  await workbook('no-header.xlsx', [
    { name: 'Events', rows: [['Name', 'Properties'], ['login', 'method']] },
    { name: 'Event Properties', rows: [[], ['method', 'string']] },
  ]);
  await workbook('wrong-types.xlsx', [
    { name: 'Product', rows: [['Field', 'Value'], ['Target DAU', 'lots']] },
    { name: 'Events', rows: [['Name', 'Properties'], ['login', 'method']] },
    { name: 'Event Properties', rows: [['Name', 'Type'], ['method', 42]] },
  ]);
  await workbook('warnings-only.xlsx', [{ name: 'Events', rows: [[null, null], ['login']] }]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Spawned processes compete with the rest of the suite for two cores; give them room.
describe.concurrent('demo-data validate', { timeout: 120_000 }, () => {
  it.each([
    ['a missing file', 'missing.xlsx', /missing\.xlsx does not exist/],
    ['a CSV renamed .xlsx', 'table.xlsx', /text file \(CSV/],
    ['a corrupt zip', 'corrupt.xlsx', /damaged/],
    // Every other kind of unreadable file (.xls, PDF, over 10 MB, no sheets) is the same path: see read-workbook.test.ts.
  ])('reports %s in one line with exit code 3', async (_what, name, message) => {
    const { code, stdout, stderr } = await runCli(['validate', file(name)]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['missing sheets', 'no-events.xlsx', [/^error +Events +No event sheet was found/m]],
    ['an empty header row', 'no-header.xlsx', [/^error +'Event Properties'!A1 +No header row/m]],
    ['wrong types in cells', 'wrong-types.xlsx', [/^error +Product!B2 /m, /^error +'Event Properties'!B2 /m]],
  ])('lists %s as addressed errors with exit code 1', async (_what, name, lines) => {
    const { code, stdout, stderr } = await runCli(['validate', file(name)]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    for (const line of lines) expect(stdout).toMatch(line);
    expect(stdout).toMatch(/\d+ errors?, \d+ warnings? \(canonical layout\)\n$/);
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, stdout } = await runCli(['validate', file('warnings-only.xlsx')]);
    expect(stdout).toMatch(/^warning +Events!A2 /m);
    expect(stdout).toContain('0 errors, 1 warning');
    expect(code).toBe(0);
  });

  it('prints issues as JSON with --json', async () => {
    const { code, stdout } = await runCli(['validate', '--json', file('wrong-types.xlsx')]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { errors: number; layout: string; issues: { severity: string; sheet: string; row: number; column: string }[] };
    expect(report.layout).toBe('canonical');
    expect(report.errors).toBe(report.issues.filter((i) => i.severity === 'error').length);
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'error', sheet: 'Product', row: 2, column: 'B' }));
  });

  it('answers a missing argument with exit code 2 and --help with 0', async () => {
    const none = await runCli(['validate']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give the workbook to validate/);
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: demo-data validate/);
  });
});
