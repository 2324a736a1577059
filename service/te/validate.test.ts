import { describe, expect, it } from 'vitest';
import { createRecordValidator } from './validate.ts';
import { utf8Length } from './format.ts';

const base = {
  '#type': 'track',
  '#time': '2026-01-01 10:00:00.123',
  '#distinct_id': 'guest-1',
  '#event_name': 'login',
  '#uuid': '0b6a3b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
};

function codes(record: unknown, appId?: string, v = createRecordValidator()): string[] {
  return v.validate(record, appId).map((i) => `${i.field}:${i.code}`);
}

describe('record header', () => {
  it('accepts a well-formed event of every shape TE knows', () => {
    const v = createRecordValidator();
    const records = [
      { ...base, properties: { level: 3, name: 'x', ok: true, at: '2026-01-01 00:00:00', tags: ['a'], gear: { slot: 'head' }, items: [{ sku: 'a', qty: 1 }] } },
      { ...base, '#type': 'track_update', '#event_id': 'e1', properties: { level: 4 } },
      { ...base, '#type': 'track', '#first_check_id': 'dev-1', '#time': '2026-01-01 10:00:00', properties: {} },
      { '#type': 'user_set', '#time': '2026-01-01 10:00:00', '#account_id': 'a1', properties: { level: 3 } },
      { '#type': 'user_add', '#time': '2026-01-01 10:00:00', '#account_id': 'a1', properties: { coins: -5 } },
      { '#type': 'user_append', '#time': '2026-01-01 10:00:00', '#account_id': 'a1', properties: { badges: ['x'] } },
      { '#type': 'user_unset', '#time': '2026-01-01 10:00:00', '#account_id': 'a1', properties: { coins: 0 } },
      { '#type': 'user_del', '#time': '2026-01-01 10:00:00', '#account_id': 'a1', '#ip': '1.2.3.4', properties: {} },
      { ...base, properties: { '#os': 'iOS', '#zone_offset': 9, '#lib': 'node' } },
    ];
    for (const r of records) expect(v.validate(r, 'app')).toEqual([]);
  });

  it('names what is wrong with the header fields', () => {
    expect(codes({ ...base, '#type': 'event', properties: {} })).toEqual(['#type:invalid_type']);
    expect(codes({ ...base, '#time': '2026-01-01T10:00:00Z', properties: {} })).toEqual(['#time:invalid_time']);
    expect(codes({ ...base, '#time': '2026-02-30 10:00:00', properties: {} })).toEqual(['#time:invalid_time']);
    expect(codes({ ...base, '#time': '2026-01-01 24:00:00', properties: {} })).toEqual(['#time:invalid_time']);
    const { '#distinct_id': _d, ...noId } = base;
    expect(codes({ ...noId, properties: {} })).toEqual(['#account_id:missing_id']);
    expect(codes({ ...base, '#account_id': '', properties: {} })).toEqual(['#account_id:invalid_id']);
    expect(codes({ ...base, '#account_id': 'x'.repeat(129), properties: {} })).toEqual(['#account_id:invalid_id']);
    expect(codes({ ...base, '#account_id': 'x'.repeat(65), properties: {} }, '', createRecordValidator({ maxIdLength: 64 }))).toEqual(['#account_id:invalid_id']);
    expect(codes({ ...base, '#event_name': '1login', properties: {} })).toEqual(['#event_name:invalid_event_name']);
    expect(codes({ ...base, '#event_name': 'a'.repeat(51), properties: {} })).toEqual(['#event_name:invalid_event_name']);
    const { '#event_name': _n, ...noName } = base;
    expect(codes({ ...noName, properties: {} })).toEqual(['#event_name:missing_event_name']);
    expect(codes({ ...base, '#type': 'track_overwrite', properties: {} })).toEqual(['#event_id:missing_event_id']);
    expect(codes({ ...base, '#uuid': 'nope', properties: {} })).toEqual(['#uuid:invalid_uuid']);
    expect(codes({ ...base, '#ip': '300.1.1.1', properties: {} })).toEqual(['#ip:invalid_ip']);
    expect(codes({ ...base, level: 3, properties: {} })).toEqual(['level:unknown_field']);
    expect(codes({ ...base, '#server_time': 'x', properties: {} })).toEqual(['#server_time:system_field']);
    expect(codes({ ...base })).toEqual(['properties:missing_properties']);
    expect(codes({ ...base, properties: [] })).toEqual(['properties:missing_properties']);
    expect(codes({ '#type': 'user_set', '#time': '2026-01-01 00:00:00', '#account_id': 'a', '#first_check_id': 'x', properties: {} })).toEqual([
      '#first_check_id:invalid_field',
    ]);
    expect(codes('not a record')).toEqual([':not_object']);
  });
});

describe('properties', () => {
  it('applies TE naming rules, presets and system fields', () => {
    expect(codes({ ...base, properties: { a: 1 } })).toEqual([]);
    expect(codes({ ...base, properties: { _a: 1 } })).toEqual(['properties._a:invalid_property_name']);
    expect(codes({ ...base, properties: { ['a'.repeat(51)]: 1 } })).toEqual([`properties.${'a'.repeat(51)}:invalid_property_name`]);
    expect(codes({ ...base, properties: { '#made_up': 1 } })).toEqual(['properties.#made_up:unknown_preset']);
    expect(codes({ ...base, properties: { '#made_up': 1 } }, '', createRecordValidator({ extraPresets: ['#made_up'] }))).toEqual([]);
    expect(codes({ ...base, properties: { '#event_time': 1 } })).toEqual(['properties.#event_time:system_field']);
    expect(codes({ ...base, properties: { Level: 1, level: 2 } })).toEqual(['properties.level:name_collision']);
    expect(codes({ ...base, properties: { gear: { Slot: 'a', slot: 'b' } } })).toEqual(['properties.gear.slot:name_collision']);
  });

  it('enforces value limits', () => {
    expect(codes({ ...base, properties: { n: 9e15, m: -9e15 } })).toEqual([]);
    expect(codes({ ...base, properties: { n: 9.1e15 } })).toEqual(['properties.n:number_out_of_range']);
    expect(codes({ ...base, properties: { t: 'a'.repeat(2048) } })).toEqual([]);
    expect(codes({ ...base, properties: { t: '가'.repeat(683) } })).toEqual(['properties.t:text_too_long']);
    expect(codes({ ...base, properties: { l: Array(501).fill('a') } })).toEqual(['properties.l:list_too_long']);
    expect(codes({ ...base, properties: { l: ['a', 3] } })).toEqual(['properties.l[1]:list_item_invalid']);
    expect(codes({ ...base, properties: { l: ['a'.repeat(256)] } })).toEqual(['properties.l[0]:list_item_too_long']);
    const wide = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i]));
    expect(codes({ ...base, properties: { o: wide } })).toEqual(['properties.o:object_too_many_keys']);
    expect(codes({ ...base, properties: { g: Array(501).fill({ a: 1 }) } })).toEqual(['properties.g:object_group_too_long']);
    expect(codes({ ...base, properties: { g: [{ a: 1 }, 'x'] } })).toEqual(['properties.g[1]:mixed_array']);
    expect(codes({ ...base, properties: { o: { inner: { x: 1 } } } })).toEqual(['properties.o.inner:nested_too_deep']);
    expect(codes({ ...base, properties: { x: null } })).toEqual(['properties.x:invalid_value']);
    expect(codes({ ...base, properties: { '#zone_offset': 5.5 } })).toEqual([]);
    expect(codes({ ...base, properties: { '#zone_offset': 15 } })).toEqual(['properties.#zone_offset:invalid_value']);
    expect(codes({ ...base, properties: { '#zone_offset': '9' } })).toEqual(['properties.#zone_offset:invalid_value']);
  });

  it('checks value kinds per record type', () => {
    const user = { '#time': '2026-01-01 00:00:00', '#account_id': 'a' };
    expect(codes({ ...user, '#type': 'user_add', properties: { coins: '5' } })).toEqual(['properties.coins:value_kind']);
    expect(codes({ ...user, '#type': 'user_append', properties: { tags: 'a' } })).toEqual(['properties.tags:value_kind']);
    expect(codes({ ...user, '#type': 'user_uniq_append', properties: { tags: 1 } })).toEqual(['properties.tags:value_kind']);
    expect(codes({ ...user, '#type': 'user_unset', properties: { _bad: 0 } })).toEqual(['properties._bad:invalid_property_name']);
    expect(codes({ ...user, '#type': 'user_del', properties: { a: 1 } })).toEqual(['properties.a:user_del_properties']);
  });
});

describe('type lock', () => {
  it('fixes a property type per app id on first sight, across events', () => {
    const v = createRecordValidator();
    expect(v.validate({ ...base, properties: { price: 10 } }, 'A')).toEqual([]);
    const second = v.validate({ ...base, '#event_name': 'purchase', properties: { price: '10' } }, 'A');
    expect(second.map((i) => i.code)).toEqual(['type_lock']);
    expect(second[0]!.message).toContain('first received as number');
    // Another app id is another project.
    expect(v.validate({ ...base, properties: { price: '10' } }, 'B')).toEqual([]);
    // User properties are a separate table.
    expect(v.validate({ '#type': 'user_set', '#time': '2026-01-01 00:00:00', '#account_id': 'a', properties: { price: 'x' } }, 'A')).toEqual([]);
    expect(v.lockedTypes('A')).toEqual(
      expect.arrayContaining([
        { table: 'event', name: 'price', type: 'number', spelling: 'price' },
        { table: 'user', name: 'price', type: 'string', spelling: 'price' },
      ]),
    );
  });

  it('locks time, list, object members and object group members', () => {
    const v = createRecordValidator();
    const first = { at: '2026-01-01 00:00:00', tags: ['a'], gear: { slot: 'head' }, items: [{ sku: 'a' }] };
    expect(v.validate({ ...base, properties: first }, 'A')).toEqual([]);
    const bad = { at: 'yesterday', tags: 'a', gear: { slot: 3 }, items: [{ sku: 1 }] };
    expect(codes({ ...base, properties: bad }, 'A', v).sort()).toEqual(
      ['properties.at:type_lock', 'properties.gear.slot:type_lock', 'properties.items[0].sku:type_lock', 'properties.tags:type_lock'].sort(),
    );
    // A time-shaped value is still a valid string for a string property.
    expect(v.validate({ ...base, properties: { label: 'x' } }, 'A')).toEqual([]);
    expect(v.validate({ ...base, properties: { label: '2026-01-01 00:00:00' } }, 'A')).toEqual([]);
  });

  it('catches disagreeing members inside one record and spelling changes across records', () => {
    const v = createRecordValidator();
    expect(codes({ ...base, properties: { items: [{ sku: 'a' }, { sku: 2 }] } }, 'A', v)).toEqual(['properties.items[1].sku:type_lock']);
    expect(v.validate({ ...base, properties: { Level: 1 } }, 'A')).toEqual([]);
    expect(codes({ ...base, properties: { level: 2 } }, 'A', v)).toEqual(['properties.level:name_collision']);
  });

  it('lets a rejected record fix nothing, and can be turned off or reset', () => {
    const v = createRecordValidator();
    expect(v.validate({ ...base, '#time': 'bad', properties: { price: 'x' } }, 'A')).toHaveLength(1);
    expect(v.validate({ ...base, properties: { price: 1 } }, 'A')).toEqual([]);
    v.reset('A');
    expect(v.validate({ ...base, properties: { price: 'x' } }, 'A')).toEqual([]);
    const off = createRecordValidator({ typeLock: false });
    off.validate({ ...base, properties: { price: 1 } });
    expect(off.validate({ ...base, properties: { price: 'x' } })).toEqual([]);
  });
});

describe('utf8Length', () => {
  it('matches Buffer.byteLength', () => {
    for (const s of ['', 'abc', 'é', '가나', '😀x', 'a\u0800b']) expect(utf8Length(s)).toBe(Buffer.byteLength(s));
  });
});

describe('check (dry run)', () => {
  it('judges against the locks without fixing new ones', () => {
    const v = createRecordValidator();
    expect(v.check({ ...base, properties: { price: 'x' } }, 'A')).toEqual([]);
    expect(v.validate({ ...base, properties: { price: 1 } }, 'A')).toEqual([]);
    expect(v.check({ ...base, properties: { price: 'x' } }, 'A').map((i) => i.code)).toEqual(['type_lock']);
  });
});

describe('time window', () => {
  it('is checked only when a receipt time is given', () => {
    const at = Date.parse('2026-01-10T00:00:00Z');
    const v = createRecordValidator({ receivedAt: () => at });
    expect(v.validate({ ...base, '#time': '2026-01-01 00:00:00', properties: {} })).toEqual([]);
    expect(codes({ ...base, '#time': '2022-01-01 00:00:00', properties: {} }, '', v)).toEqual(['#time:time_out_of_window']);
    expect(codes({ ...base, '#time': '2026-01-20 00:00:00', properties: {} }, '', v)).toEqual(['#time:time_out_of_window']);
    expect(createRecordValidator().validate({ ...base, '#time': '2000-01-01 00:00:00', properties: {} })).toEqual([]);
  });
});
