import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellString, teName } from '../../testing/taxonomy-arbitrary.ts';
import type { Cell, SheetGrid } from '../grid.ts';
import { emptyTaxonomy, UPDATE_METHODS, type PropertyDef, type Taxonomy, type UpdateMethod, type UserPropertyDef } from '../model.ts';
import { parseWorkbook } from './workbook.ts';

/** The generator's words for update methods and its spellings of types. */
const TD_UPDATE: Record<UpdateMethod, string> = { set: 'userset', set_once: 'usersetonce', add: 'useradd', append: 'userappend', uniq_append: 'useruniqappend' };
const TD_TYPE = { number: 'Number', string: 'String', boolean: 'Boolean', time: 'Time', list: 'List' } as const;
type TdType = keyof typeof TD_TYPE;

const uniqueNames = (max: number) => fc.uniqueArray(teName, { maxLength: max, selector: (n) => n.toLowerCase() });
// Descriptions that are neither a bare list nor a range, so no allowed values are inferred from them.
const description = fc.constantFrom('', 'what the user chose', '선택한 값', 'amount in KRW');
const property = (name: string) => fc.record({ name: fc.constant(name), displayName: cellString, type: fc.constantFrom(...(Object.keys(TD_TYPE) as TdType[])), description });

const plan = fc
  .tuple(uniqueNames(8), uniqueNames(6), uniqueNames(4), uniqueNames(4))
  .chain(([propNames, eventNames, commonNames, userNames]) => {
    const taken = new Set(propNames.map((n) => n.toLowerCase()));
    return fc.record({
      props: fc.tuple(...propNames.map(property)),
      events: fc.tuple(
        ...eventNames.map((name) =>
          fc.record({
            name: fc.constant(name),
            displayName: cellString,
            category: cellString,
            description: cellString,
            properties: fc.shuffledSubarray(propNames),
            repeat: fc.boolean(),
          }),
        ),
      ),
      common: fc.tuple(...commonNames.filter((n) => !taken.has(n.toLowerCase())).map(property)),
      user: fc.tuple(...userNames.map((n) => fc.tuple(property(n), fc.constantFrom(...UPDATE_METHODS)).map(([p, update]) => ({ ...p, update })))),
      korean: fc.boolean(),
    });
  });

describe('the generator layout, for any tracking plan', () => {
  it('reads back every event, property, common property and user property as written', () => {
    fc.assert(
      fc.property(plan, ({ props, events, common, user, korean }) => {
        const byName = new Map(props.map((p) => [p.name, p]));
        const eventRows: Cell[][] = [];
        for (const e of events) {
          const head = [e.name, e.displayName, e.description, e.category];
          if (e.properties.length === 0) eventRows.push([...head, '', '', '', '']);
          e.properties.forEach((name, i) => {
            const p = byName.get(name)!;
            eventRows.push([...(i === 0 || e.repeat ? head : [null, null, null, null]), p.name, p.displayName, TD_TYPE[p.type], p.description]);
          });
        }
        const grids: SheetGrid[] = [
          {
            name: korean ? '#이벤트 데이터' : '#Events',
            rows: [korean ? ['이벤트 이름', '이벤트 별칭', '이벤트 설명', '이벤트 태그', '속성 이름', '속성 별칭', '속성 유형', '속성 설명'] : ['event_name', 'event_alias', 'event_description', 'event_tag', 'property_name', 'property_alias', 'property_type', 'property_description'], ...eventRows],
          },
          { name: korean ? '#공통 이벤트 속성' : '#Properties', rows: [['property_name', 'property_name_kr', 'data_type', 'description'], ...common.map((p) => [p.name, p.displayName, TD_TYPE[p.type], p.description])] },
          { name: korean ? '#유저 데이터' : 'UserData', rows: [['속성 이름', '속성 별칭', '속성 유형', '업데이트 방식', '속성 설명'], ...user.map((p) => [p.name, p.displayName, TD_TYPE[p.type], TD_UPDATE[p.update], p.description])] },
        ];

        const expected: Taxonomy = emptyTaxonomy();
        expected.events = events.map(({ repeat: _repeat, ...e }) => e);
        const used = [...new Set(events.flatMap((e) => e.properties))];
        expected.eventProperties = used.map((n) => byName.get(n)! as PropertyDef);
        expected.commonProperties = common as PropertyDef[];
        expected.userProperties = user as UserPropertyDef[];

        const { taxonomy, layout } = parseWorkbook(grids);
        expect(layout).toBe('td-generator');
        expect({ ...taxonomy, product: expected.product }).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
