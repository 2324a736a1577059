/**
 * Which columns of a rendered sheet get a dropdown, and which sheet is the key/value Product sheet.
 * Recognised by header text in any of the four languages, so the writer needs no knowledge of the
 * order the taxonomy renderer chose.
 */
import type { Cell } from '../../taxonomy/grid.ts';

/** Lower case, without spaces, underscores, asterisks and a trailing "(required)"-style suffix. */
export function normaliseHeader(cell: Cell): string {
  if (typeof cell !== 'string') return '';
  return cell
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]\s*$/u, '')
    .replace(/[\s_*#-]/gu, '');
}

const TYPE_HEADERS = new Set(
  ['type', 'property type', 'data type', 'value type', '유형', '속성 유형', '타입', '데이터 유형', '类型', '属性类型', '数据类型', '型', 'タイプ', 'データ型', 'プロパティ型'].map(normaliseHeader),
);
const UPDATE_HEADERS = new Set(
  ['update', 'update method', 'how it changes', '업데이트', '업데이트 방식', '갱신 방식', '更新', '更新方式', '更新方法'].map(normaliseHeader),
);
const PRODUCT_SHEETS = new Set(['product', '제품', '产品', '製品', 'プロダクト'].map(normaliseHeader));

export type DropdownRole = 'type' | 'update';

export function dropdownRole(header: Cell): DropdownRole | undefined {
  const key = normaliseHeader(header);
  if (TYPE_HEADERS.has(key)) return 'type';
  if (UPDATE_HEADERS.has(key)) return 'update';
  return undefined;
}

export function isProductSheet(name: string): boolean {
  return PRODUCT_SHEETS.has(normaliseHeader(name));
}
