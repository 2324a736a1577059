/** The Product sheet: one setting per row, a field label in one column and its value in the next. */
import type { Cell, SheetGrid } from '../grid.ts';
import { languageIndex, productFieldIndex, type ProductField } from '../layout.ts';
import { PLATFORMS, type CountryShare, type Platform, type Product, type Targets } from '../model.ts';
import type { CellRef } from '../source-map.ts';
import { cellFraction, cellNumber, cellText, normalizeKey, splitNames } from '../text.ts';
import { parseAllowedValues } from '../values.ts';
import type { ParseContext } from './context.ts';
import { isBlankRow, type Header } from './header.ts';

const PLATFORM_ALIASES: Record<string, Platform> = {
  ios: 'ios', iphone: 'ios', ipad: 'ios', android: 'android', aos: 'android', web: 'web', h5: 'web', pc: 'pc', windows: 'pc',
  desktop: 'pc', steam: 'pc', miniprogram: 'mini_program', 미니프로그램: 'mini_program', 小程序: 'mini_program', 微信小程序: 'mini_program', ミニプログラム: 'mini_program',
};

const TARGETS: Partial<Record<ProductField, keyof Targets>> = { d1: 'd1', d7: 'd7', d30: 'd30', payerRate: 'payerRate', dauMau: 'dauMau' };

/** Excel day serials (days since 1899-12-30) for a date typed into a cell the reader left as a number. */
function serialToDate(serial: number): string {
  // Serials outside years 1900–9999 are not dates: keep the number as text for validation to report.
  if (!(serial >= 1 && serial < 2_958_466)) return String(serial);
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** "2026/01/05" and "2026-01-05 00:00:00" (a date cell read as text) both mean 2026-01-05. */
function readDateText(text: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
}

/** Reads the settings into `product`; tells whether the sheet named the workbook's language. */
export function parseProduct(ctx: ParseContext, product: Product, grid: SheetGrid, header: Header | undefined): { languageGiven: boolean } {
  let languageGiven = false;
  const fieldCol = header?.columns.get('field') ?? 0;
  const valueCol = header?.columns.get('value') ?? fieldCol + 1;
  const start = header ? header.row + 1 : 0;
  const seen = new Set<ProductField>();
  for (let r = start; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const label = cellText(row?.[fieldCol]);
    const value: Cell = row?.[valueCol] ?? null;
    const ref: CellRef = { sheet: grid.name, row: r, column: valueCol };
    const field = label === '' ? undefined : productFieldIndex.get(label);
    if (!field) {
      if (label !== '') ctx.issue('warning', 'product.unknown_field', { ...ref, column: fieldCol }, 'product', `"${label}" is not a product setting, so it is ignored: check the spelling or delete the row.`);
      continue;
    }
    const target = TARGETS[field];
    const path = target ? `product.targets.${target}` : `product.${field}`;
    if (seen.has(field)) {
      ctx.issue('warning', 'product.duplicate_field', ref, path, `"${label}" appears twice; the first row is used: delete this one.`);
      continue;
    }
    seen.add(field);
    ctx.locate(path, ref);
    const text = cellText(value);
    if (text === '') continue;
    if (target) {
      const n = cellFraction(value);
      if (n === undefined || n < 0 || n > 1) ctx.issue('error', 'product.target_range', ref, path, `"${text}" is not a rate: write a share between 0 and 1 or a percentage such as 35%.`);
      else product.targets[target] = n;
      continue;
    }
    switch (field) {
      case 'name': case 'industry': case 'description': case 'scenario':
        product[field] = text;
        break;
      case 'startDate':
        product.startDate = typeof value === 'number' ? serialToDate(value) : readDateText(text);
        break;
      case 'days': case 'targetDau': case 'seed': {
        const n = cellNumber(value);
        const positive = field !== 'seed';
        if (n === undefined || !Number.isSafeInteger(n) || (positive && n <= 0)) {
          ctx.issue('error', 'product.not_integer', ref, path, `"${text}" is not ${positive ? 'a positive whole number' : 'a whole number'}: write one such as ${field === 'days' ? '30' : field === 'seed' ? '42' : '5000'}.`);
        } else product[field] = n;
        break;
      }
      case 'platforms': {
        const platforms: Platform[] = [];
        for (const name of splitNames(text)) {
          const key = normalizeKey(name);
          const platform = (PLATFORMS as readonly string[]).includes(name) ? (name as Platform) : PLATFORM_ALIASES[key];
          if (!platform) ctx.issue('error', 'product.platform_unknown', ref, path, `"${name}" is not a platform: use ${PLATFORMS.join(', ')}.`);
          else if (!platforms.includes(platform)) platforms.push(platform);
        }
        product.platforms = platforms;
        break;
      }
      case 'countries':
        product.countries = readCountries(ctx, text, ref, path);
        break;
      case 'language': {
        const language = languageIndex.get(text);
        if (language) {
          product.language = language;
          languageGiven = true;
        } else ctx.issue('error', 'product.language_unknown', ref, path, `"${text}" is not a supported language: use en, ko, zh or ja.`);
        break;
      }
    }
  }
  return { languageGiven };
}

/** "KR:60, US@America/New_York:40" or "KR, JP" (equal shares). */
function readCountries(ctx: ParseContext, text: string, ref: CellRef, path: string): CountryShare[] {
  const parsed = parseAllowedValues(text);
  if (!parsed.ok || parsed.value.kind === 'range') {
    ctx.issue('error', 'product.countries_syntax', ref, path, `Countries "${text}" cannot be read: write country codes with shares, e.g. KR:60, US@America/New_York:40.`);
    return [];
  }
  const items = parsed.value.kind === 'list' ? parsed.value.values.map((value) => ({ value, weight: 1 })) : parsed.value.values;
  const countries: CountryShare[] = [];
  for (const { value, weight } of items) {
    const [country = '', ...zone] = String(value).split('@');
    if (weight < 0) {
      ctx.issue('error', 'product.country_share', ref, path, `The share of ${country} is ${weight}: shares are relative and 0 or more, e.g. KR:60, US:40.`);
      continue;
    }
    countries.push({ country: country.trim().toUpperCase(), timeZone: zone.join('@').trim(), share: weight });
  }
  return countries;
}
