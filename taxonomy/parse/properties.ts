/**
 * Property sheets: Event Properties, Common Properties, User Properties, and ThinkingData's
 * `#공통 이벤트 속성` / `#Properties` / `#유저 데이터` / `UserData`, all read by header. A property
 * sheet with a filled event column defines event properties of those events.
 */
import type { SheetGrid } from '../grid.ts';
import type { PropertyDef, UserPropertyDef } from '../model.ts';
import { cellText } from '../text.ts';
import type { TaxonomyBuilder } from './builder.ts';
import { readAllowed, readType, readUpdate } from './cells.ts';
import type { ParseContext } from './context.ts';
import { cellAt, isBlankRow, type Header } from './header.ts';

export function parsePropertySheet(
  ctx: ParseContext,
  builder: TaxonomyBuilder,
  grid: SheetGrid,
  header: Header,
  kind: 'eventProperties' | 'commonProperties' | 'userProperties',
): void {
  const nameCol = header.columns.get('name')!;
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const ref = (key: string) => ({ sheet: grid.name, row: r, column: header.columns.get(key) ?? nameCol });
    const name = cellText(cellAt(row, header, 'name'));
    const eventName = cellText(cellAt(row, header, 'event'));
    const forEvent = kind !== 'userProperties' && eventName !== '';
    const section = forEvent ? 'eventProperties' : kind;
    const index = builder.taxonomy[section].length;
    const path = `${section}[${index}]`;
    if (name === '') {
      ctx.issue('warning', 'name.empty', ref('name'), `${path}.name`, 'This row has no property name, so it is skipped: fill in the name or delete the row.');
      continue;
    }
    const def: PropertyDef = {
      name,
      displayName: cellText(cellAt(row, header, 'displayName')),
      type: readType(ctx, cellAt(row, header, 'type'), ref('type'), `${path}.type`),
      description: cellText(cellAt(row, header, 'description')),
    };
    const allowed = readAllowed(ctx, cellAt(row, header, 'allowed'), ref('allowed'), `${path}.allowed`);
    if (allowed) def.allowed = allowed;
    if (section === 'userProperties') {
      (def as UserPropertyDef).update = readUpdate(ctx, cellAt(row, header, 'update'), ref('update'), `${path}.update`);
    }
    // Rows naming an event may repeat a property once per event: those define it once.
    const at = builder.addProperty(section, def, ref('name'), forEvent);
    for (const key of ['name', 'type', 'allowed', 'update', 'displayName', 'description']) {
      if (header.columns.has(key)) ctx.locate(`${section}[${at}].${key}`, ref(key));
    }
    if (forEvent) {
      const eventRef = ref('event');
      const { event, index: e } = builder.eventNamed(eventName, eventRef, { displayName: '', category: '', description: '' });
      if (!event.properties.includes(name)) {
        event.properties.push(name);
        ctx.locate(`events[${e}].properties[${event.properties.length - 1}]`, eventRef);
      }
    }
  }
}
