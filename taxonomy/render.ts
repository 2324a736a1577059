/**
 * `renderWorkbook`: a taxonomy as canonical grids in one language, the exact inverse of parsing
 * (`parseWorkbook(renderWorkbook(t, lang)).taxonomy` equals `t`). Formatting (styles, widths,
 * dropdowns) is the file writer's business; this decides only names and cell values.
 */
import type { Cell, SheetGrid } from './grid.ts';
import { COLUMNS, headerLabel, PRODUCT_FIELDS, productFieldLabel, sheetLabel, typeLabel, updateLabel, type ProductField } from './layout.ts';
import type { Language, Product, PropertyDef, Taxonomy, UserPropertyDef } from './model.ts';
import { formatAllowedValues, formatScalar } from './values.ts';

function header(keys: readonly string[], language: Language): Cell[] {
  return keys.map((k) => headerLabel(k, language));
}

function productValue(p: Product, field: ProductField): Cell {
  switch (field) {
    case 'platforms':
      return p.platforms.join(', ');
    case 'countries':
      return p.countries.map((c) => `${formatScalar(c.timeZone === '' ? c.country : `${c.country}@${c.timeZone}`)}:${c.share}`).join(', ');
    case 'd1': case 'd7': case 'd30': case 'payerRate': case 'dauMau':
      return p.targets[field] ?? null;
    case 'days': case 'targetDau': case 'seed':
      return p[field] ?? null;
    default:
      return p[field];
  }
}

function propertyRow(p: PropertyDef | UserPropertyDef, keys: readonly string[], language: Language): Cell[] {
  return keys.map((key): Cell => {
    switch (key) {
      case 'type':
        return typeLabel(p.type, language);
      case 'update':
        return updateLabel('update' in p ? p.update : 'set', language);
      case 'allowed':
        return p.allowed ? formatAllowedValues(p.allowed) : '';
      default:
        return p[key as 'name' | 'displayName' | 'description'];
    }
  });
}

export function renderWorkbook(t: Taxonomy, language: Language): SheetGrid[] {
  const product: SheetGrid = {
    name: sheetLabel('product', language),
    rows: [header(COLUMNS.product, language), ...(Object.keys(PRODUCT_FIELDS) as ProductField[]).map((f) => [productFieldLabel(f, language), productValue(t.product, f)])],
  };
  const events: SheetGrid = {
    name: sheetLabel('events', language),
    rows: [header(COLUMNS.events, language), ...t.events.map((e) => [e.name, e.displayName, e.category, e.description, e.properties.join(', ')])],
  };
  const properties = (kind: 'eventProperties' | 'commonProperties' | 'userProperties'): SheetGrid => ({
    name: sheetLabel(kind, language),
    rows: [header(COLUMNS[kind], language), ...t[kind].map((p) => propertyRow(p, COLUMNS[kind], language))],
  });
  const funnels: SheetGrid = {
    name: sheetLabel('funnels', language),
    rows: [
      header(COLUMNS.funnels, language),
      ...t.funnels.map((f) => [f.name, f.description, f.steps.join(', '), f.stepConversion.map((c) => (c === null ? '-' : String(c))).join(', '), f.windowHours]),
    ],
  };
  return [product, events, properties('eventProperties'), properties('commonProperties'), properties('userProperties'), funnels];
}
