import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTdTemplate } from '../../testing/fixtures/td-template.ts';
import { WorkbookReadError } from './errors.ts';
import { decodeRange, readWorkbookBuffer, readWorkbookFile } from './read-workbook.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-workbook-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function rejection(promise: Promise<unknown>): Promise<WorkbookReadError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookReadError);
  return err as WorkbookReadError;
}

describe('readWorkbookBuffer: cell values', () => {
  it('reads every kind of cell as the value the user sees', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cells');
    ws.getCell('A1').value = 'plain';
    ws.getCell('B1').value = 42.5;
    ws.getCell('C1').value = '007'; // a number stored as text stays text
    ws.getCell('D1').value = true;
    ws.getCell('E1').value = { richText: [{ text: 'Event ' }, { font: { color: { argb: 'FFFF0000' } }, text: 'name' }] };
    ws.getCell('F1').value = { text: 'docs', hyperlink: 'https://example.com/' };
    ws.getCell('G1').value = { formula: 'B1*2', result: 85 };
    ws.getCell('H1').value = { formula: 'NA()', result: { error: '#N/A' } };
    ws.getCell('I1').value = { error: '#N/A' };
    ws.getCell('J1').value = 'end';
    ws.getCell('A2').value = new Date(Date.UTC(2026, 0, 31));
    ws.getCell('A2').numFmt = 'yyyy-mm-dd';
    ws.getCell('B2').value = new Date(Date.UTC(2026, 1, 1, 9, 30, 5));
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.getCell('C2').value = { formula: 'A2+1', result: new Date(Date.UTC(2026, 1, 1)) };
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    ws.getCell('D2').value = { formula: 'UPPER(A1)', result: 'PLAIN' };
    ws.getCell('E2').value = { formula: 'D1', result: true };

    const [grid] = await readWorkbookBuffer(await toBuffer(wb));
    expect(grid?.name).toBe('Cells');
    expect(grid?.hidden).toBeUndefined();
    expect(grid?.rows).toEqual([
      ['plain', 42.5, '007', true, 'Event name', 'docs', 85, null, null, 'end'],
      ['2026-01-31', '2026-02-01 09:30:05', '2026-02-01', 'PLAIN', true],
    ]);
  });

  it('copies the master value into every cell of a merge and lists the merge', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Merged');
    ws.addRow(['event', 'prop']);
    ws.addRow(['login', 'method']);
    ws.addRow([null, 'channel']);
    ws.addRow([null, 'retry']);
    ws.mergeCells('A2:A4');
    ws.getCell('C1').value = 'wide';
    ws.mergeCells('C1:D2');

    const [grid] = await readWorkbookBuffer(await toBuffer(wb));
    expect(grid?.rows).toEqual([
      ['event', 'prop', 'wide', 'wide'],
      ['login', 'method', 'wide', 'wide'],
      ['login', 'channel'],
      ['login', 'retry'],
    ]);
    expect(grid?.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 0, bottom: 3, right: 0 },
        { top: 0, left: 2, bottom: 1, right: 3 },
      ]),
    );
  });

  it('clips merges over whole rows and columns to the data', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Wide');
    ws.addRow(['title']);
    ws.addRow(['a', 'b']);
    ws.mergeCells('A1:XFD1');
    ws.mergeCells('B2:B5000');

    const [grid] = await readWorkbookBuffer(await toBuffer(wb));
    expect(grid?.rows).toEqual([Array(64).fill('title'), ['a', 'b']]);
    expect(grid?.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 63 },
      { top: 1, left: 1, bottom: 1, right: 1 },
    ]);
  });

  it('keeps empty rows in place and flags hidden sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sparse');
    ws.getCell('B3').value = 'x';
    wb.addWorksheet('Lists', { state: 'hidden' }).addRow(['a']);
    wb.addWorksheet('Secret', { state: 'veryHidden' }).addRow(['b']);

    const grids = await readWorkbookBuffer(await toBuffer(wb));
    expect(grids.map((g) => [g.name, g.hidden ?? false])).toEqual([
      ['Sparse', false],
      ['Lists', true],
      ['Secret', true],
    ]);
    expect(grids[0]?.rows).toEqual([[], [], [null, 'x']]);
  });

  it("reads ThinkingData's template whose rich-text headers start with an empty run", async () => {
    const buf = await buildTdTemplate();
    // The fixture really has the shape exceljs 4.4.0 cannot read on its own.
    await expect(new ExcelJS.Workbook().xlsx.load(buf as unknown as ArrayBuffer)).rejects.toThrow(/richText/);

    const grids = await readWorkbookBuffer(buf);
    const events = grids.find((g) => g.name === '#이벤트 데이터');
    expect(events?.rows[2]).toEqual([
      '이벤트 이름 (필수)',
      '이벤트 별칭',
      '이벤트 설명',
      '이벤트 태그',
      '속성 이름 (필수)',
      '속성 별칭',
      '속성 유형 (필수)',
      '속성 설명',
    ]);
    // A hyperlink whose text is rich text with an empty first run.
    expect(events?.rows[4]?.[2]).toBe('튜토리얼 마지막 단계를 마쳤을 때');
    expect(grids.find((g) => g.name === '설명')?.hidden).toBe(true);
    expect(grids.find((g) => g.name === '#공통 이벤트 속성')?.rows[3]?.[0]).toBe('session_id');
  });

  it('reads inline strings that start with a bare text before their runs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Inline').getCell('A1').value = 'placeholder';
    const zip = await JSZip.loadAsync(await toBuffer(wb));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const inline = '<c r="A1" t="inlineStr"><is><t></t><r><rPr><b/></rPr><t>Event name</t></r><r><t xml:space="preserve"> (required)</t></r></is></c>';
    zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<c r="A1"[^>]*>.*?<\/c>/, inline));
    const buf = await zip.generateAsync({ type: 'nodebuffer' });

    const [grid] = await readWorkbookBuffer(buf);
    expect(grid?.rows).toEqual([['Event name (required)']]);
  });

  // 100k rows is the size the issue names; two columns keep it to a few seconds of CPU.
  it('reads a sheet with 100k rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Big').getCell('A1').value = 'placeholder';
    const zip = await JSZip.loadAsync(await toBuffer(wb));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const rows: string[] = [];
    for (let r = 1; r <= 100_000; r++) rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>e${r % 97}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`);
    zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows.join('')}</sheetData>`));
    const path = join(dir, 'big.xlsx');
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));

    const [grid] = await readWorkbookFile(path);
    expect(grid?.rows).toHaveLength(100_000);
    expect(grid?.rows[99_999]).toEqual(['e90', 100_000]);
  });
});

describe('readWorkbookBuffer: bad input gets one clear error', () => {
  it('names a legacy .xls', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const err = await rejection(readWorkbookBuffer(xls));
    expect(err.problem).toBe('not_xlsx');
    expect(err.message).toMatch(/legacy \.xls/);
  });

  it('names a CSV', async () => {
    const err = await rejection(readWorkbookBuffer(Buffer.from('name,type\nlogin,string\n')));
    expect(err.message).toMatch(/text file \(CSV/);
  });

  it('names a renamed PDF', async () => {
    const err = await rejection(readWorkbookBuffer(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1')));
    expect(err.message).toMatch(/is a PDF/);
  });

  it('rejects an empty file', async () => {
    const err = await rejection(readWorkbookBuffer(Buffer.alloc(0)));
    expect(err.message).toMatch(/empty/);
  });

  it('reports a truncated (corrupt) package', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['x']);
    const buf = await toBuffer(wb);
    const err = await rejection(readWorkbookBuffer(buf.subarray(0, Math.floor(buf.length / 2))));
    expect(err.problem).toBe('corrupt');
    expect(err.message).toMatch(/damaged/);
  });

  it('reports a zip that is not a workbook', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const err = await rejection(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' })));
    expect(err.problem).toBe('not_xlsx');
    expect(err.message).toMatch(/not an Excel workbook/);
  });

  it('refuses files over 10 MB before unpacking them', async () => {
    const path = join(dir, 'huge.xlsx');
    await writeFile(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(10 * 1024 * 1024 + 1)]));
    const err = await rejection(readWorkbookFile(path));
    expect(err.problem).toBe('too_large');
    expect(err.message).toMatch(/10\.0 MB/);
  });

  it('refuses a package that unpacks to more than the limit (a zip bomb)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['x'.repeat(4096)]);
    const err = await rejection(readWorkbookBuffer(await toBuffer(wb), { maxUnpackedBytes: 4096 }));
    expect(err.problem).toBe('too_large');
    expect(err.message).toMatch(/unpacks to 0\.\d MB of sheet data; at most 0\.0 MB/);
  });

  it('reports a workbook without worksheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Only').addRow(['x']);
    const zip = await JSZip.loadAsync(await toBuffer(wb));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', xml.replace(/<sheets>[\s\S]*<\/sheets>/, '<sheets></sheets>'));
    const err = await rejection(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' })));
    expect(err.problem).toBe('no_sheets');
  });

  it('reports a missing file with its path', async () => {
    const err = await rejection(readWorkbookFile(join(dir, 'nope.xlsx')));
    expect(err.problem).toBe('not_found');
    expect(err.message).toContain('nope.xlsx does not exist');
  });

  it('reports a directory given as the file', async () => {
    const err = await rejection(readWorkbookFile(dir));
    expect(err.message).toMatch(/is a directory/);
  });
});

describe('decodeRange', () => {
  it('decodes single cells and ranges, including absolute references', () => {
    expect(decodeRange('B3')).toEqual({ top: 2, left: 1, bottom: 2, right: 1 });
    expect(decodeRange('$AA$10:$AB$12')).toEqual({ top: 9, left: 26, bottom: 11, right: 27 });
    expect(decodeRange('not a range')).toBeUndefined();
  });
});
