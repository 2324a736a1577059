/**
 * A fake Excel host with real load/sync semantics, for tests and the browser harness: install it
 * as the globals `Excel` and `Office`, and the real `addin/workbook/office-gateway.ts` runs against
 * it. Never imported by product code.
 */
import { FakeContext, newStats, type SyncStats } from './context.ts';
import { FakeDocument, type FakeCell } from './document.ts';
import { RangeProxy, WorksheetCollectionProxy } from './proxies.ts';

export { FakeDocument, type FakeCell, type FakeSheet, type ChangeEvent } from './document.ts';
export { FakeOfficeError, PAYLOAD_LIMIT_BYTES, type SyncStats } from './context.ts';
export { parseAddress, formatBox } from './address.ts';

export class FakeRequestContext extends FakeContext {
  readonly workbook: { worksheets: WorksheetCollectionProxy; getSelectedRange(): RangeProxy };

  constructor(doc: FakeDocument, stats: SyncStats) {
    super(doc, stats);
    this.workbook = {
      worksheets: new WorksheetCollectionProxy(this),
      // The selection is A1 of the active sheet until something selects a range.
      getSelectedRange: () =>
        RangeProxy.create(this, () => {
          const active = doc.sheetById(doc.activeSheetId ?? '');
          if (!active) return null;
          const box = doc.selection?.sheetId === active.id ? doc.selection.box : { top: 0, left: 0, bottom: 0, right: 0 };
          return { sheet: active, box: { ...box } };
        }),
    };
  }
}

export interface FakeExcelHost {
  doc: FakeDocument;
  stats: SyncStats;
  /** Counts of `Excel.run` batches, to tell one coarse read from many small ones. */
  runs: number;
  Excel: {
    run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
    RequestContext: typeof FakeRequestContext;
    SheetVisibility: { visible: 'Visible'; hidden: 'Hidden'; veryHidden: 'VeryHidden' };
  };
  Office: {
    onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
    HostType: { Excel: 'Excel' };
    context: { displayLanguage: string; officeTheme?: { bodyBackgroundColor: string }; requirements: { isSetSupported(name: string, version?: string): boolean } };
  };
  resetStats(): void;
}

export function createFakeExcel(
  options: { sheets?: { name: string; rows?: FakeCell[][]; hidden?: boolean }[]; displayLanguage?: string; bodyBackgroundColor?: string } = {},
): FakeExcelHost {
  const doc = new FakeDocument(options.sheets);
  const host: FakeExcelHost = {
    doc,
    stats: newStats(),
    runs: 0,
    Excel: {
      async run<T>(...args: unknown[]): Promise<T> {
        host.runs++;
        // Excel.run(object, batch) continues with the request context the object belongs to.
        const batch = args[args.length - 1] as (context: FakeRequestContext) => Promise<T>;
        const first = args.length > 1 ? args[0] : undefined;
        const previous = first instanceof FakeRequestContext ? first : (first as { context?: FakeRequestContext } | undefined)?.context;
        const context = previous ?? new FakeRequestContext(doc, host.stats);
        const result = await batch(context);
        // Like Excel.run, flush what the batch queued but did not sync.
        if (context.pending > 0) await context.sync();
        return result;
      },
      RequestContext: FakeRequestContext,
      SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    },
    Office: {
      async onReady(callback) {
        const info = { host: 'Excel', platform: 'OfficeOnline' };
        callback?.(info);
        return info;
      },
      HostType: { Excel: 'Excel' },
      context: {
        displayLanguage: options.displayLanguage ?? 'en-US',
        ...(options.bodyBackgroundColor ? { officeTheme: { bodyBackgroundColor: options.bodyBackgroundColor } } : {}),
        requirements: { isSetSupported: (name, version) => name === 'ExcelApi' && Number(version ?? '1.1') <= 1.12 },
      },
    },
    resetStats() {
      host.stats.syncs = 0;
      host.stats.payloadBytes.length = 0;
      host.runs = 0;
    },
  };
  return host;
}

/** Makes `Excel` and `Office` globals of `target` (globalThis in tests, window in the browser). */
export function installFakeExcel(host: FakeExcelHost, target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): () => void {
  const before = { Excel: target.Excel, Office: target.Office };
  target.Excel = host.Excel;
  target.Office = host.Office;
  return () => {
    target.Excel = before.Excel;
    target.Office = before.Office;
  };
}
