import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeExcel, installFakeExcel, type FakeExcelHost } from '../../testing/fake-excel/index.ts';
import { LIST_SHEET, type SheetTemplate } from './gateway.ts';
import { OfficeGateway } from './office-gateway.ts';

let host: FakeExcelHost;
let uninstall: () => void;

function useHost(sheets?: Parameters<typeof createFakeExcel>[0]['sheets']): OfficeGateway {
  host = createFakeExcel({ sheets, displayLanguage: 'ko-KR' });
  uninstall = installFakeExcel(host);
  return new OfficeGateway();
}

const settle = () => new Promise((r) => setTimeout(r, 10));

const templates: SheetTemplate[] = [
  { grid: { name: 'Events', rows: [['Name', 'Display Name', 'Properties'], ['login', 'Login', 'channel']] }, headerRows: 1, table: true, widths: [120, 160, 200] },
  { grid: { name: 'Event Properties', rows: [['Name', 'Type'], ['channel', 'string']] }, headerRows: 1, table: true },
];

describe('OfficeGateway against the fake Excel', () => {
  beforeEach(() => undefined);
  afterEach(() => uninstall());

  it('reads every sheet in two syncs, keeping positions of a used range that does not start at A1', async () => {
    const gateway = useHost([
      { name: 'Product', rows: [['Field', 'Value'], ['Product Name', 'Space Miner']] },
      { name: 'Events', rows: [['Name', 'Properties'], ...Array.from({ length: 300 }, (_, i) => [`event_${i}`, 'level'])] },
      { name: 'Notes', rows: [['', ''], ['', '', 'x']] },
      { name: 'Lists', rows: [['a']], hidden: true },
    ]);
    host.resetStats();
    const grids = await gateway.readSheets();
    expect(host.stats.syncs).toBe(2);
    expect(grids.map((g) => g.name)).toEqual(['Product', 'Events', 'Notes', 'Lists']);
    expect(grids[0]!.rows[1]).toEqual(['Product Name', 'Space Miner']);
    expect(grids[1]!.rows).toHaveLength(301);
    expect(grids[2]!.rows).toEqual([[], [null, null, 'x']]);
    expect(grids[3]!.hidden).toBe(true);
    expect(gateway.displayLanguage()).toBe('ko-KR');
  });

  it('creates template sheets idempotently, styled, with dropdowns from a hidden list sheet', async () => {
    const gateway = useHost([{ name: 'Sheet1' }, { name: 'Event Properties', rows: [['my', 'own'], ['rows', 'here']] }]);
    const dropdowns = [{ sheet: 'Event Properties', column: 1, firstRow: 1, values: ['number', 'string'] }, { sheet: 'Events', column: 2, firstRow: 1, values: ['a', 'b', 'c'] }];
    host.resetStats();
    const first = await gateway.createSheets(templates, dropdowns);
    expect(first).toEqual({ created: ['Events'], kept: ['Event Properties'] });
    const creationSyncs = host.stats.syncs;
    expect(creationSyncs).toBe(2); // the names, then every write of every new sheet in one block
    expect(host.doc.rowsOf('Events')).toEqual(templates[0]!.grid.rows);
    expect(host.doc.rowsOf('Event Properties')).toEqual([['my', 'own'], ['rows', 'here']]);
    const events = host.doc.sheet('Events')!;
    expect(events.frozenRows).toBe(1);
    expect(events.tables).toHaveLength(1);
    expect(events.columnWidths.get(0)).toBe(120);
    expect(events.validations).toEqual([{ box: { top: 1, left: 2, bottom: 2000, right: 2 }, source: `='${LIST_SHEET}'!$A$1:$A$3` }]);
    // Dropdowns of the sheet the user already had are not touched.
    expect(host.doc.sheet('Event Properties')!.validations).toEqual([]);
    expect(host.doc.sheet(LIST_SHEET)!.visibility).toBe('Hidden');
    expect(host.doc.rowsOf(LIST_SHEET)).toEqual([['a'], ['b'], ['c']]);

    host.resetStats();
    const second = await gateway.createSheets(templates, dropdowns);
    expect(host.stats.syncs).toBe(1);
    expect(second).toEqual({ created: [], kept: ['Events', 'Event Properties'] });
    expect(host.doc.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Event Properties', 'Events', LIST_SHEET]);
    expect(host.doc.rowsOf('Events')).toEqual(templates[0]!.grid.rows);
  });

  it('writes large blocks in chunks under the request limit', async () => {
    const gateway = useHost([{ name: 'Events', rows: [['Name', 'Description']] }]);
    const text = 'é'.repeat(400);
    const rows = Array.from({ length: 6000 }, (_, i) => [`event_${i}`, text]);
    host.resetStats();
    const top = await gateway.appendRows('Events', rows);
    expect(top).toBe(1);
    const writes = host.stats.payloadBytes.slice(1);
    expect(writes.length).toBeGreaterThan(2);
    expect(Math.max(...writes)).toBeLessThan(2 * 1024 * 1024);
    expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(rows.length * 400);
    const after = host.doc.rowsOf('Events');
    expect(after).toHaveLength(6001);
    expect(after[6000]).toEqual(['event_5999', text]);
  });

  it('appends below the last used row without touching existing rows, and writes ragged rows', async () => {
    const gateway = useHost([{ name: 'Events', rows: [['Name', 'Description', 'Properties'], ['login', 'The user logs in']] }]);
    await gateway.appendRows('Events', [['purchase'], ['level_up', 'Level up', 'level']]);
    expect(host.doc.rowsOf('Events')).toEqual([
      ['Name', 'Description', 'Properties'],
      ['login', 'The user logs in'],
      ['purchase'],
      ['level_up', 'Level up', 'level'],
    ]);
    await gateway.writeCells('Events', 1, 1, [['Logs in']]);
    expect(host.doc.rowsOf('Events')[1]).toEqual(['login', 'Logs in']);
  });

  it('selects a cell on its sheet', async () => {
    const gateway = useHost([{ name: 'Sheet1' }, { name: 'Funnels' }]);
    await gateway.selectCell('Funnels', 6, 1);
    const funnels = host.doc.sheet('Funnels')!;
    expect(host.doc.activeSheetId).toBe(funnels.id);
    expect(host.doc.selection).toEqual({ sheetId: funnels.id, box: { top: 6, left: 1, bottom: 6, right: 1 } });
  });

  it('reports user edits but not the echoes of its own writes', async () => {
    const gateway = useHost([{ name: 'Sheet1' }, { name: 'Events', rows: [['Name']] }]);
    await gateway.readSheets();
    const changes: (string | undefined)[] = [];
    const stop = await gateway.watch((c) => changes.push(`${c.sheet}!${c.address}`));
    await gateway.createSheets(templates, [{ sheet: 'Event Properties', column: 1, firstRow: 1, values: ['number'] }]);
    await gateway.appendRows('Events', [['login'], ['logout']]);
    await settle();
    expect(changes).toEqual([]);
    host.doc.userEdit('Events', 1, 0, [['sign_in']]);
    await settle();
    expect(changes).toEqual(['Events!A2']);
    await stop();
    host.doc.userEdit('Events', 2, 0, [['sign_out']]);
    await settle();
    expect(changes).toHaveLength(1);
  });
});

describe('OfficeGateway selection', () => {
  afterEach(() => uninstall());
  it('follows a dark Office theme and defaults to light', () => {
    expect(useHost().prefersDark()).toBe(false);
    uninstall();
    host = createFakeExcel({ bodyBackgroundColor: '#1f1f1f' });
    uninstall = installFakeExcel(host);
    expect(new OfficeGateway().prefersDark()).toBe(true);
    uninstall();
    host = createFakeExcel({ bodyBackgroundColor: '#FFFFFF' });
    uninstall = installFakeExcel(host);
    expect(new OfficeGateway().prefersDark()).toBe(false);
  });

  it('says which sheet is gone instead of failing with ItemNotFound', async () => {
    const gateway = useHost([{ name: 'Sheet1' }]);
    await expect(gateway.selectCell('Events', 1, 0)).rejects.toThrow('The sheet "Events" is no longer in this workbook');
    await expect(gateway.appendRows('Events', [['x']])).rejects.toThrow('The sheet "Events" is no longer in this workbook');
    await expect(gateway.writeCells('Events', 0, 0, [['x']])).rejects.toThrow('The sheet "Events" is no longer in this workbook');
    expect(host.doc.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('reads the sheet and cell the user selected', async () => {
    const gateway = useHost([{ name: 'Sheet1' }, { name: 'Events', rows: [['Name'], ['login']] }]);
    expect(await gateway.readSelection()).toEqual({ sheet: 'Sheet1', row: 0, column: 0 });
    host.doc.userSelect('Events', 1, 0);
    expect(await gateway.readSelection()).toEqual({ sheet: 'Events', row: 1, column: 0 });
  });
});
