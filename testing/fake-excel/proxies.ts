/**
 * Proxies of the Excel object model: worksheets, ranges, formats, data validation, tables. Each
 * resolves its target lazily inside `sync()`, so objects created earlier in the same batch (a sheet
 * added, then written) are found, and missing items fail at sync time like the real API.
 */
import { type Box, formatBox, parseAddress, quoteSheet } from './address.ts';
import { FakeContext, FakeOfficeError, loadPaths, notLoaded } from './context.ts';
import type { ChangeEvent, FakeCell, FakeSheet } from './document.ts';

abstract class ClientObject<T> {
  protected loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeContext,
    private readonly locate: () => T | null,
    nullable: boolean,
  ) {
    // *OrNullObject: whether the item exists is known after the next sync.
    if (nullable) context.enqueue(() => (this.nullState = this.locate() === null));
    else this.nullState = false;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject', this.typeName);
    return this.nullState;
  }

  protected abstract readonly typeName: string;
  protected abstract readonly loadable: readonly string[];
  protected abstract snapshot(target: T, property: string): unknown;

  /** The target; a null object is silently skipped (as Excel does), a missing item throws. */
  protected target(): T | null {
    return this.locate();
  }

  load(props?: unknown): this {
    const paths = loadPaths(props, this.loadable);
    this.context.enqueue(() => {
      const target = this.target();
      if (target === null) return;
      for (const p of paths) this.loaded.set(p, this.snapshot(target, p));
    });
    return this;
  }

  protected read<V>(property: string): V {
    if (!this.loaded.has(property)) throw notLoaded(property, this.typeName);
    return this.loaded.get(property) as V;
  }

  protected act(run: (target: T) => void, payload: unknown = null): void {
    this.context.enqueue(() => {
      const target = this.target();
      if (target !== null) run(target);
    }, payload);
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new FakeOfficeError('ItemNotFound', `${what} does not exist`);
  return value;
}

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

export class RangeProxy extends ClientObject<RangeTarget> {
  protected readonly typeName = 'Range';
  protected readonly loadable = ['values', 'address', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex'];

  constructor(context: FakeContext, locate: () => RangeTarget | null, nullable = false) {
    super(context, locate, nullable);
  }

  protected snapshot(t: RangeTarget, property: string): unknown {
    switch (property) {
      case 'values':
        return this.context.doc.readBox(t.sheet, t.box);
      case 'address':
        return `${quoteSheet(t.sheet.name)}!${formatBox(t.box)}`;
      case 'rowCount':
        return t.box.bottom - t.box.top + 1;
      case 'columnCount':
        return t.box.right - t.box.left + 1;
      case 'rowIndex':
        return t.box.top;
      case 'columnIndex':
        return t.box.left;
      default:
        throw new FakeOfficeError('InvalidArgument', `Range has no property '${property}'`);
    }
  }

  get values(): FakeCell[][] {
    return this.read('values');
  }
  set values(values: FakeCell[][]) {
    const copy = values.map((row) => [...row]);
    this.act((t) => {
      const rows = t.box.bottom - t.box.top + 1;
      const columns = t.box.right - t.box.left + 1;
      if (copy.length !== rows || copy.some((r) => r.length !== columns)) {
        throw new FakeOfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${formatBox(t.box)}).`);
      }
      this.context.doc.writeBox(t.sheet, t.box.top, t.box.left, copy);
      this.context.doc.raiseChanged(t.sheet, t.box);
    }, copy);
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }

  clear(): void {
    this.act((t) => {
      this.context.doc.clearBox(t.sheet, t.box);
      t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.box, t.box));
    });
  }

  select(): void {
    this.act((t) => {
      this.context.doc.activeSheetId = t.sheet.id;
      this.context.doc.selection = { sheetId: t.sheet.id, box: { ...t.box } };
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return RangeProxy.create(this.context, () => {
      const t = this.target();
      return t && { sheet: t.sheet, box: { top: t.box.top + row, left: t.box.left + column, bottom: t.box.top + row, right: t.box.left + column } };
    });
  }

  /** `range.format`: font.bold, fill.color, columnWidth and autofitColumns, write-only as in use. */
  readonly format = {
    font: writeOnly(this, 'RangeFont', { bold: (t, bold: boolean) => (bold ? t.sheet.bold.push({ ...t.box }) : undefined) }),
    fill: writeOnly(this, 'RangeFill', { color: (t, color: string) => t.sheet.fills.push({ box: { ...t.box }, color }) }),
    autofitColumns: (): void => this.act(() => undefined),
  } as { font: { bold: boolean }; fill: { color: string }; columnWidth: number; autofitColumns(): void };

  /** `range.dataValidation`: list rules (dropdowns) only. */
  readonly dataValidation = {
    clear: (): void => this.act((t) => (t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.box, t.box)))),
  } as { rule: { list?: { inCellDropDown?: boolean; source?: string } }; clear(): void };

  /** Runs `run` on the target at the next sync; for the write-only helpers below. */
  queue(run: (t: RangeTarget) => void, payload: unknown): void {
    this.act(run, payload);
  }

  static create(context: FakeContext, locate: () => RangeTarget | null, nullable = false): RangeProxy {
    const range = new RangeProxy(context, locate, nullable);
    Object.defineProperties(
      range.format,
      Object.getOwnPropertyDescriptors(
        writeOnly(range, 'RangeFormat', {
          columnWidth: (t, width: number) => {
            for (let c = t.box.left; c <= t.box.right; c++) t.sheet.columnWidths.set(c, width);
          },
        }),
      ),
    );
    Object.defineProperties(
      range.dataValidation,
      Object.getOwnPropertyDescriptors(
        writeOnly(range, 'DataValidation', {
          rule: (t, rule: { list?: { source?: unknown } }) => {
            const source = rule.list?.source;
            if (typeof source !== 'string') throw new FakeOfficeError('InvalidArgument', 'the fake supports list rules only');
            t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.box, t.box));
            t.sheet.validations.push({ box: { ...t.box }, source });
          },
        }),
      ),
    );
    return range;
  }
}

/** An object whose properties can be set (queued until sync) but not read without a load. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function writeOnly(range: RangeProxy, type: string, setters: Record<string, (t: RangeTarget, value: any) => void>): Record<string, unknown> {
  const holder: Record<string, unknown> = {};
  for (const [name, apply] of Object.entries(setters)) {
    Object.defineProperty(holder, name, {
      enumerable: true,
      set: (value: unknown) => range.queue((t) => apply(t, value), { [name]: value }),
      get: () => {
        throw notLoaded(name, type);
      },
    });
  }
  return holder;
}

function overlaps(a: Box, b: Box): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export class WorksheetProxy extends ClientObject<FakeSheet> {
  protected readonly typeName = 'Worksheet';
  protected readonly loadable = ['name', 'id', 'visibility', 'position'];

  constructor(context: FakeContext, locate: () => FakeSheet | null, nullable = false) {
    super(context, locate, nullable);
  }

  /** For items of a loaded collection: their properties were loaded with the collection. */
  static loadedFrom(context: FakeContext, sheet: FakeSheet, paths: string[]): WorksheetProxy {
    const id = sheet.id;
    const proxy = new WorksheetProxy(context, () => required(context.doc.sheetById(id), `Worksheet ${id}`));
    for (const p of paths) proxy.loaded.set(p, proxy.snapshot(sheet, p));
    return proxy;
  }

  protected snapshot(sheet: FakeSheet, property: string): unknown {
    switch (property) {
      case 'name':
      case 'id':
      case 'visibility':
        return sheet[property];
      case 'position':
        return this.context.doc.sheets.indexOf(sheet);
      default:
        throw new FakeOfficeError('InvalidArgument', `Worksheet has no property '${property}'`);
    }
  }

  get name(): string {
    return this.read('name');
  }
  set name(name: string) {
    this.act((s) => (s.name = name), { name });
  }
  get id(): string {
    return this.read('id');
  }
  get visibility(): FakeSheet['visibility'] {
    return this.read('visibility');
  }
  set visibility(visibility: FakeSheet['visibility']) {
    this.act((s) => (s.visibility = visibility), { visibility });
  }
  get position(): number {
    return this.read('position');
  }

  getRange(address = 'A1'): RangeProxy {
    const { box } = parseAddress(address);
    return RangeProxy.create(this.context, () => {
      const sheet = this.target();
      return sheet && { sheet, box };
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return RangeProxy.create(this.context, () => {
      const sheet = this.target();
      if (!sheet) return null;
      // Excel returns A1 for an empty sheet from getUsedRange; only the OrNullObject form reports "none".
      return { sheet, box: this.context.doc.usedBox(sheet) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    void valuesOnly;
    return RangeProxy.create(
      this.context,
      () => {
        const sheet = this.target();
        const box = sheet && this.context.doc.usedBox(sheet);
        return sheet && box ? { sheet, box } : null;
      },
      true,
    );
  }

  activate(): void {
    this.act((s) => (this.context.doc.activeSheetId = s.id));
  }

  delete(): void {
    this.act((s) => this.context.doc.deleteSheet(s));
  }

  readonly freezePanes = {
    freezeRows: (count = 1): void => this.act((s) => (s.frozenRows = count), { count }),
  };

  readonly tables = {
    add: (address: string, hasHeaders: boolean): { name: string } => {
      const { box } = parseAddress(address);
      const table = { name: '' };
      this.act((s) => {
        if (s.tables.some((t) => overlaps(t.box, box))) throw new FakeOfficeError('InvalidOperation', 'A table can\'t overlap another table.');
        const name = table.name || `Table${this.context.doc.sheets.reduce((n, sh) => n + sh.tables.length, 0) + 1}`;
        s.tables.push({ name, box });
      }, { address, hasHeaders });
      return table;
    },
  };
}

export class WorksheetCollectionProxy {
  private items_: WorksheetProxy[] | undefined;

  constructor(private readonly context: FakeContext) {}

  get items(): WorksheetProxy[] {
    if (!this.items_) throw notLoaded('items', 'WorksheetCollection');
    return this.items_;
  }

  load(props?: unknown): this {
    const paths = loadPaths(props, ['items/name', 'items/id', 'items/visibility', 'items/position'])
      .map((p) => p.replace(/^items\//, ''))
      .filter((p) => p !== 'items');
    const fields = paths.length > 0 ? paths : ['name', 'id', 'visibility', 'position'];
    this.context.enqueue(() => {
      this.items_ = this.context.doc.sheets.map((s) => WorksheetProxy.loadedFrom(this.context, s, fields));
    });
    return this;
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => required(this.context.doc.sheet(name), `Worksheet '${name}'`));
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.doc.sheet(name) ?? null, true);
  }

  add(name: string): WorksheetProxy {
    let created: FakeSheet | undefined;
    this.context.enqueue(() => (created = this.context.doc.addSheet(name)), { name });
    return new WorksheetProxy(this.context, () => required(created, `Worksheet '${name}'`));
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => required(this.context.doc.sheetById(this.context.doc.activeSheetId ?? ''), 'The active worksheet'));
  }

  readonly onChanged = {
    add: (handler: (event: ChangeEvent) => unknown) => {
      this.context.enqueue(() => this.context.doc.changeHandlers.push(handler));
      return {
        context: this.context,
        remove: () => {
          this.context.enqueue(() => {
            const i = this.context.doc.changeHandlers.indexOf(handler);
            if (i >= 0) this.context.doc.changeHandlers.splice(i, 1);
          });
        },
      };
    },
  };
}
