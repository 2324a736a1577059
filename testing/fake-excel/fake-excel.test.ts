import { describe, expect, it } from 'vitest';
import { createFakeExcel, FakeOfficeError } from './index.ts';

describe('fake Excel load/sync semantics', () => {
  it('throws PropertyNotLoaded until a property is loaded and synced', async () => {
    const host = createFakeExcel({ sheets: [{ name: 'Events', rows: [['name'], ['login']] }] });
    await host.Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Events').getUsedRange();
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([['name'], ['login']]);
      expect(() => range.address).toThrow(/PropertyNotLoaded/);
    });
    expect(host.stats.syncs).toBe(1);
  });

  it('queues writes until sync and reports null objects only after a sync', async () => {
    const host = createFakeExcel();
    await host.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add('Funnels');
      sheet.getRange('B2:C2').values = [['a', 1]];
      expect(host.doc.sheet('Funnels')).toBeUndefined();
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      expect(() => missing.isNullObject).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(host.doc.rowsOf('Funnels')).toEqual([[], ['', 'a', 1]]);
    });
  });

  it('fails the sync on a missing item, a misshapen write and an oversized payload', async () => {
    const host = createFakeExcel();
    await expect(
      host.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Nope').getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toThrow(/ItemNotFound/);
    await expect(
      host.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [['only one']];
        await context.sync();
      }),
    ).rejects.toThrow(/doesn't match/);
    const big = 'x'.repeat(1000);
    await expect(
      host.Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A6000').values = Array.from({ length: 6000 }, () => [big]);
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(FakeOfficeError);
    expect(host.doc.rowsOf('Sheet1')).toEqual([]);
  });

  it('raises onChanged after the sync for writes and for user edits', async () => {
    const host = createFakeExcel();
    const seen: string[] = [];
    await host.Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (e) => void seen.push(e.address));
      await context.sync();
    });
    host.doc.userEdit('Sheet1', 2, 1, [['x']]);
    expect(seen).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual(['B3']);
  });
});
