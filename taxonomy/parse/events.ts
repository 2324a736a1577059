/**
 * Event sheets in their two shapes: the canonical one (one row per event, its properties listed in
 * one cell) and ThinkingData's (one row per event property; the event columns repeated, merged, or
 * left empty below the first row and carried down).
 */
import type { SheetGrid } from '../grid.ts';
import { EVENT_ROW_COLUMNS } from '../layout.ts';
import type { PropertyDef } from '../model.ts';
import type { CellRef } from '../source-map.ts';
import { cellText, splitNames } from '../text.ts';
import type { TaxonomyBuilder } from './builder.ts';
import { readType } from './cells.ts';
import type { ParseContext } from './context.ts';
import { cellAt, isBlankRow, type Header } from './header.ts';

export function parseEventList(ctx: ParseContext, builder: TaxonomyBuilder, grid: SheetGrid, header: Header): void {
  const nameCol = header.columns.get('name')!;
  const events = builder.taxonomy.events;
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const ref = (key: string): CellRef => ({ sheet: grid.name, row: r, column: header.columns.get(key) ?? nameCol });
    const name = cellText(cellAt(row, header, 'name'));
    const path = `events[${events.length}]`;
    if (name === '') {
      ctx.issue('warning', 'name.empty', ref('name'), `${path}.name`, 'This row has no event name, so it is skipped: fill in the name or delete the row.');
      continue;
    }
    events.push({
      name,
      displayName: cellText(cellAt(row, header, 'displayName')),
      category: cellText(cellAt(row, header, 'category')),
      description: cellText(cellAt(row, header, 'description')),
      properties: splitNames(cellText(cellAt(row, header, 'properties'))),
    });
    ctx.locate(path, ref('name'));
    for (const key of ['name', 'displayName', 'category', 'description', 'properties']) {
      if (header.columns.has(key)) ctx.locate(`${path}.${key}`, ref(key));
    }
  }
}

/** The generator's fixed positions A–H, for sheets whose headers are not recognised. */
export function positionalHeader(grid: SheetGrid): Header {
  const first = grid.rows.findIndex((row) => !isBlankRow(row));
  return { row: Math.max(first, 0), columns: new Map(EVENT_ROW_COLUMNS.map((key, i) => [key, i])), hasNotes: false };
}

export function parseEventRows(ctx: ParseContext, builder: TaxonomyBuilder, grid: SheetGrid, header: Header): void {
  const listed = new Map<number, { name: string; ref: CellRef }[]>();
  const listedNames = new Set<string>();
  let current: number | undefined;
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const ref = (key: string): CellRef => ({ sheet: grid.name, row: r, column: header.columns.get(key) ?? 0 });
    const eventName = cellText(cellAt(row, header, 'eventName'));
    const init = {
      displayName: cellText(cellAt(row, header, 'eventDisplayName')),
      category: cellText(cellAt(row, header, 'eventCategory')),
      description: cellText(cellAt(row, header, 'eventDescription')),
    };
    if (eventName !== '') {
      const { event, index } = builder.eventNamed(eventName, ref('eventName'), init);
      if (event.displayName === '') event.displayName = init.displayName;
      if (event.category === '') event.category = init.category;
      if (event.description === '') event.description = init.description;
      if (!listed.has(index)) {
        listed.set(index, []);
        ctx.locate(`events[${index}].name`, ref('eventName'));
        for (const [key, col] of [['displayName', 'eventDisplayName'], ['category', 'eventCategory'], ['description', 'eventDescription']] as const) {
          if (header.columns.has(col)) ctx.locate(`events[${index}].${key}`, ref(col));
        }
      }
      current = index;
    }
    const propertyName = cellText(cellAt(row, header, 'propertyName'));
    if (propertyName === '') continue;
    if (current === undefined) {
      ctx.issue('error', 'event.missing_name', ref('eventName'), 'events', `The property "${propertyName}" has no event above it: write the event name in this row's event name cell.`);
      continue;
    }
    const path = `eventProperties[${builder.taxonomy.eventProperties.length}]`;
    const def: PropertyDef = {
      name: propertyName,
      displayName: cellText(cellAt(row, header, 'propertyDisplayName')),
      type: readType(ctx, cellAt(row, header, 'propertyType'), ref('propertyType'), `${path}.type`),
      description: cellText(cellAt(row, header, 'propertyDescription')),
    };
    const at = builder.addProperty('eventProperties', def, ref('propertyName'), true);
    ctx.locate(`eventProperties[${at}].name`, ref('propertyName'));
    ctx.locate(`eventProperties[${at}].type`, ref('propertyType'));
    const names = listed.get(current)!;
    const key = `${current}\u0000${propertyName}`;
    if (!listedNames.has(key)) {
      listedNames.add(key);
      names.push({ name: propertyName, ref: ref('propertyName') });
    }
  }
  for (const [index, names] of listed) {
    // An event listing `rewards` gets every child of `rewards`; when the sheet lists the children this
    // event has, keep just those, since other events may carry other children of the same object.
    const parents = new Set(names.filter((n) => n.name.includes('.')).map((n) => n.name.slice(0, n.name.indexOf('.'))));
    const kept = names.filter((n) => !parents.has(n.name));
    const event = builder.taxonomy.events[index]!;
    const already = new Set(event.properties);
    for (const n of kept) {
      if (already.has(n.name)) continue;
      event.properties.push(n.name);
      ctx.locate(`events[${index}].properties[${event.properties.length - 1}]`, n.ref);
    }
  }
}
