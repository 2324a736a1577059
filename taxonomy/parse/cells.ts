/** Reading the typed cells every sheet shares: types, update methods and allowed values. */
import type { Cell } from '../grid.ts';
import { typeIndex, TYPES, updateIndex, UPDATES } from '../layout.ts';
import type { AllowedValues, PropertyType, UpdateMethod } from '../model.ts';
import type { CellRef } from '../source-map.ts';
import { cellText } from '../text.ts';
import { parseAllowedValues } from '../values.ts';
import type { ParseContext } from './context.ts';

const TYPE_CHOICES = Object.values(TYPES).map((e) => e.labels.en).join(', ');
const UPDATE_CHOICES = Object.values(UPDATES).map((e) => e.labels.en).join(', ');

export function readType(ctx: ParseContext, cell: Cell, ref: CellRef, path: string): PropertyType {
  const text = cellText(cell);
  if (text === '') {
    ctx.issue('error', 'property.type_missing', ref, path, `The property has no type: choose one of ${TYPE_CHOICES}.`);
    return 'string';
  }
  const type = typeIndex.get(text);
  if (type) return type;
  ctx.issue('error', 'property.type_unknown', ref, path, `"${text}" is not a ThinkingEngine type: choose one of ${TYPE_CHOICES}.`);
  return 'string';
}

export function readUpdate(ctx: ParseContext, cell: Cell, ref: CellRef, path: string): UpdateMethod {
  const text = cellText(cell);
  if (text === '') return 'set';
  const update = updateIndex.get(text);
  if (update) return update;
  if (/^(user)?_?unset$/i.test(text.replace(/\s+/g, ''))) {
    ctx.issue('warning', 'property.update_unset', ref, path, `"${text}" clears a user property, which generated data never needs: it is read as "set". Choose ${UPDATE_CHOICES} to silence this.`);
    return 'set';
  }
  ctx.issue('error', 'property.update_unknown', ref, path, `"${text}" is not an update method: choose one of ${UPDATE_CHOICES}.`);
  return 'set';
}

export function readAllowed(ctx: ParseContext, cell: Cell, ref: CellRef, path: string): AllowedValues | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'list', values: [cell] } : undefined;
  if (typeof cell === 'boolean') return { kind: 'list', values: [cell] };
  const text = cellText(cell);
  if (text === '') return undefined;
  const parsed = parseAllowedValues(text);
  if (parsed.ok) return parsed.value;
  ctx.issue('error', 'allowed.syntax', ref, path, `Allowed values "${text}" cannot be read: ${parsed.message}.`);
  return undefined;
}
