import { describe, expect, it } from 'vitest';
import { emptyTaxonomy, type PropertyDef, type Taxonomy } from '../model.ts';
import { validateTaxonomy } from './index.ts';

function taxonomy(edit: (t: Taxonomy) => void): Taxonomy {
  const t = emptyTaxonomy();
  edit(t);
  return t;
}
const prop = (name: string, type: PropertyDef['type'] = 'string', extra: Partial<PropertyDef> = {}): PropertyDef => ({ name, displayName: '', type, description: '', ...extra });
const found = (t: Taxonomy) => validateTaxonomy(t).map((i) => `${i.severity} ${i.code} ${i.path} @${i.sheet}`);

describe('validateTaxonomy', () => {
  it('accepts a clean taxonomy', () => {
    const t = taxonomy((t) => {
      t.events.push({ name: 'purchase', displayName: '', category: '', description: '', properties: ['price', 'items.sku', '#os'] });
      t.eventProperties.push(prop('price', 'number', { allowed: { kind: 'range', min: 1, max: 99 } }), prop('items', 'object_group'), prop('items.sku'));
      t.commonProperties.push(prop('#os', 'string', { allowed: { kind: 'weighted', values: [{ value: 'iOS', weight: 1 }, { value: 'Android', weight: 2 }] } }));
      t.userProperties.push({ ...prop('total', 'number'), update: 'add' });
      t.funnels.push({ name: 'buy', description: '', steps: ['purchase', 'purchase'], stepConversion: [null, 0.5], windowHours: 24 });
      t.product.startDate = '2026-02-28';
      t.product.countries = [{ country: 'KR', timeZone: 'Asia/Seoul', share: 1 }];
    });
    expect(found(t)).toEqual([]);
  });

  it('checks names: TE rule per dotted segment, unknown presets, system fields, case-only duplicates', () => {
    const t = taxonomy((t) => {
      t.events.push({ name: 'Login', displayName: '', category: '', description: '', properties: [] }, { name: 'login', displayName: '', category: '', description: '', properties: [] });
      t.events.push({ name: 'ta.bad', displayName: '', category: '', description: '', properties: [] });
      t.eventProperties.push(prop('a.1b'), prop('#user_id'), prop('#mine'), prop('a', 'object'), prop('x'), prop('X'));
    });
    expect(found(t)).toEqual([
      'error name.duplicate events[1].name @Events',
      'error name.invalid events[2].name @Events',
      'error name.invalid eventProperties[0].name @Event Properties',
      'error name.system_field eventProperties[1].name @Event Properties',
      'error name.unknown_preset eventProperties[2].name @Event Properties',
      'error name.duplicate eventProperties[5].name @Event Properties',
    ]);
  });

  it('catches one name with two types anywhere (TE type lock) and references that do not resolve', () => {
    const t = taxonomy((t) => {
      t.events.push({ name: 'e', displayName: '', category: '', description: '', properties: ['level', 'Level', 'ghost', 'level'] });
      t.eventProperties.push(prop('level', 'number'), prop('orphan.child'), prop('bag', 'object'));
      t.userProperties.push({ ...prop('level', 'string'), update: 'append' });
      t.funnels.push({ name: 'f', description: '', steps: ['e', 'nope', 'E'], stepConversion: [0.2, 0.5], windowHours: 0 });
    });
    expect(validateTaxonomy(t).find((i) => i.path === 'funnels[0].steps[2]')?.message).toMatch(/spelled "e"/);
    expect(found(t)).toEqual([
      'error property.type_conflict userProperties[0].type @User Properties',
      'error event.property_case events[0].properties[1] @Events',
      'error event.unknown_property events[0].properties[2] @Events',
      'warning event.property_repeated events[0].properties[3] @Events',
      'error property.child_without_parent eventProperties[1].name @Event Properties',
      'warning property.object_without_children eventProperties[2].name @Event Properties',
      'error property.update_type userProperties[0].update @User Properties',
      'error funnel.unknown_event funnels[0].steps[1] @Funnels',
      'error funnel.unknown_event funnels[0].steps[2] @Funnels',
      'error funnel.step_conversion_count funnels[0].stepConversion @Funnels',
      'error funnel.window funnels[0].windowHours @Funnels',
    ]);
  });

  it('checks allowed values against their property', () => {
    const t = taxonomy((t) => {
      t.eventProperties.push(
        prop('a', 'number', { allowed: { kind: 'range', min: 5, max: 1 } }),
        prop('b', 'string', { allowed: { kind: 'range', min: 1, max: 5 } }),
        prop('c', 'number', { allowed: { kind: 'weighted', values: [{ value: 1, weight: 0 }, { value: 2, weight: 0 }] } }),
        prop('d', 'string', { allowed: { kind: 'weighted', values: [{ value: 'x', weight: -1 }] } }),
        prop('e', 'string', { allowed: { kind: 'list', values: ['1', 2] } }),
        prop('f', 'boolean', { allowed: { kind: 'list', values: [true, true] } }),
      );
    });
    expect(found(t)).toEqual([
      'error allowed.range_inverted eventProperties[0].allowed @Event Properties',
      'error allowed.type_mismatch eventProperties[1].allowed @Event Properties',
      'error allowed.weights_zero eventProperties[2].allowed @Event Properties',
      'error allowed.weight_negative eventProperties[3].allowed @Event Properties',
      'error allowed.type_mismatch eventProperties[4].allowed @Event Properties',
      'warning allowed.repeated eventProperties[5].allowed @Event Properties',
    ]);
  });

  it('checks product settings and TE project limits', () => {
    const t = taxonomy((t) => {
      t.product.startDate = '2026-02-30';
      t.product.countries = [{ country: 'kr', timeZone: 'Seoul', share: 0 }];
      t.product.targets = { d1: 0.2, d7: 0.3 };
      for (let i = 0; i < 101; i++) t.events.push({ name: `e${i}`, displayName: '', category: '', description: '', properties: [] });
      for (let i = 0; i < 501; i++) t.userProperties.push({ ...prop(`u${i}`), update: 'set' });
    });
    expect(found(t)).toEqual([
      'error product.start_date product.startDate @Product',
      'error product.country_code product.countries[0] @Product',
      'warning product.time_zone product.countries[0] @Product',
      'error product.country_shares_zero product.countries @Product',
      'warning product.retention_order product.targets.d7 @Product',
      'warning limit.recommended events @Events',
      'error limit.exceeded userProperties @User Properties',
    ]);
  });
});
