/**
 * Which columns of a rendered sheet get a dropdown, and which sheet is the key/value Product sheet.
 * Recognised through the taxonomy layout's own alias tables, so the writer follows whatever names
 * and column order the renderer chose, in any language.
 */
import type { Cell } from '../../taxonomy/grid.ts';
import { headerIndex, sheetIndex } from '../../taxonomy/layout.ts';

export type DropdownRole = 'type' | 'update';

const roleIndex = headerIndex(['type', 'update']);

export function dropdownRole(header: Cell): DropdownRole | undefined {
  if (typeof header !== 'string') return undefined;
  const key = roleIndex.get(header);
  return key === 'type' || key === 'update' ? key : undefined;
}

export function isProductSheet(name: string): boolean {
  return sheetIndex.get(name) === 'product';
}
