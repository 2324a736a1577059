/**
 * How events change user properties, from the user property's name, type and update method:
 * a level-up sets the level, a payment adds to total revenue and appends the item bought, register
 * set-onces the register time; the rest get a starting value on the user's first event.
 */
import type { Taxonomy, UserPropertyDef } from '../../../taxonomy/model.ts';
import type { RulesInput, ValueGenerator } from '../rules/schema.ts';
import { indexTaxonomy } from '../rules/check/index-taxonomy.ts';
import type { EventRole } from './event-roles.ts';
import { generatorForName, ITEM_ID, ITEM_NAME, type NamingContext } from './property-names.ts';

type UserUpdateInput = NonNullable<RulesInput['userUpdates']>[number];
type InitialInput = NonNullable<RulesInput['initialUserProperties']>[number];

export interface UserPlanInput {
  taxonomy: Taxonomy;
  roles: Map<string, EventRole>;
  registerEvent: string | undefined;
  revenueProperty: string | undefined;
  naming: NamingContext;
}

const NAME_OK = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

export function planUserProperties(input: UserPlanInput): { userUpdates: UserUpdateInput[]; initialUserProperties: InitialInput[] } {
  const { taxonomy: t, roles } = input;
  const index = indexTaxonomy(t);
  const events = [...roles.keys()];
  const withRole = (...r: EventRole[]) => events.filter((e) => r.includes(roles.get(e)!));
  const payments = withRole('payment');
  const levelUps = withRole('level_up');
  const logins = withRole('login').length > 0 ? withRole('login') : withRole('session_start');
  const carriedOf = (event: string, re: RegExp, type: string) =>
    [...index.carried(event)].find((p) => !p.includes('.') && re.test(p.toLowerCase()) && index.propertyTypes.get(p) === type);

  const updates: UserUpdateInput[] = [];
  const initial: InitialInput[] = [];
  const seen = new Set<string>();
  for (const def of t.userProperties) {
    if (!NAME_OK.test(def.name) || seen.has(def.name)) continue;
    seen.add(def.name);
    const name = def.name.toLowerCase();
    const made = updatesFor(def, name);
    updates.push(...made);
    const start = initialFor(def, name, made.length > 0);
    if (start) initial.push({ property: def.name, value: start });
  }
  return { userUpdates: updates, initialUserProperties: initial };

  function updatesFor(def: UserPropertyDef, name: string): UserUpdateInput[] {
    const { type, update } = def;
    const on = (list: string[], method: UserUpdateInput['method'], value: (event: string) => UserUpdateInput['value'] | undefined) =>
      list.flatMap((event) => {
        const v = value(event);
        return v ? [{ event, property: def.name, method, value: v }] : [];
      });
    if (type === 'number' && /^(level|lv|player_level|user_level|char_level|character_level)$/.test(name) && levelUps.length > 0) {
      return on(levelUps, 'set', (event) => {
        const carried = carriedOf(event, /^(level|lv|player_level|user_level|char_level|character_level|new_level|current_level|level_after|after_level)$/, 'number');
        return carried ? { kind: 'event_property', property: carried } : { kind: 'generated', value: { kind: 'user_property', property: def.name, add: 1 } };
      });
    }
    if (type === 'number' && update === 'add' && /(count|times|num|cnt)$/.test(name)) {
      const stem = name.replace(/_?(count|times|num|cnt)$/, '');
      const target = /pay|purchase|order|buy/.test(stem) ? payments : /login|visit|session/.test(stem) ? logins : events.filter((e) => stem.length >= 3 && e.toLowerCase().includes(stem));
      return on(target.slice(0, 3), 'add', () => ({ kind: 'constant', value: 1 }));
    }
    if (type === 'number' && update === 'add' && /(revenue|spent|spend|pay|paid|ltv|amount|purchase_total|total)/.test(name) && payments.length > 0) {
      return on(payments, 'add', (event) => {
        const rp = input.revenueProperty && index.carried(event).has(input.revenueProperty) ? input.revenueProperty : undefined;
        return rp ? { kind: 'event_property', property: rp } : undefined;
      });
    }
    if (type === 'list' && (update === 'append' || update === 'uniq_append') && /(item|product|purchase|bought|order|goods)/.test(name)) {
      return on(payments, update, (event) => {
        const p = carriedOf(event, ITEM_ID, 'string') ?? carriedOf(event, ITEM_NAME, 'string');
        return p ? { kind: 'event_property', property: p } : undefined;
      });
    }
    if (type === 'time' && /(register|signup|sign_up|create|join)/.test(name) && input.registerEvent) {
      return on([input.registerEvent], 'set_once', () => ({ kind: 'event_time' }));
    }
    if (type === 'time' && /first_?(pay|purchase|order)/.test(name)) return on(payments, 'set_once', () => ({ kind: 'event_time' }));
    if (type === 'time' && /last_?(pay|purchase|order)/.test(name)) return on(payments, 'set', () => ({ kind: 'event_time' }));
    if (type === 'time' && /last_?(login|active|visit|seen|session)/.test(name)) return on(logins.slice(0, 1), 'set', () => ({ kind: 'event_time' }));
    if (type === 'boolean' && /^(is_)?(payer|paid|paying)(_user)?$/.test(name)) return on(payments, 'set', () => ({ kind: 'constant', value: true }));
    if (type === 'number' && update === 'add' && /(gold|coin|gem|diamond|crystal|cash|point)/.test(name)) {
      const earn = withRole('reward', 'level_up');
      return [
        ...on(payments, 'add', () => ({ kind: 'generated', value: { kind: 'range', min: 100, max: 1000, skew: 'low' } })),
        ...on(earn.slice(0, 4), 'add', () => ({ kind: 'generated', value: { kind: 'range', min: 5, max: 100, skew: 'low' } })),
      ];
    }
    return [];
  }

  function initialFor(def: UserPropertyDef, name: string, hasUpdates: boolean): ValueGenerator | undefined {
    const { type } = def;
    if (type === 'object' || type === 'object_group') return undefined;
    if (type === 'number' && /(level|lv)$/.test(name)) return { kind: 'range', min: 1, max: 1 };
    if (type === 'number' && def.update === 'add' && hasUpdates) return undefined;
    if (type === 'time' && hasUpdates) return undefined;
    if (type === 'time') return /(install|register|signup|create|first)/.test(name) ? { kind: 'trait', trait: 'install_time' } : { kind: 'time' };
    if (type === 'boolean' && /^(is_)?(payer|paid|paying)(_user)?$/.test(name)) return { kind: 'list', values: [false] };
    if (hasUpdates && type === 'list') return undefined;
    const allowed = def.allowed;
    if (allowed?.kind === 'range' && type === 'number' && allowed.min <= allowed.max) return { kind: 'range', min: allowed.min, max: allowed.max, decimals: allowed.decimals };
    if (allowed?.kind === 'list' && valuesFit(allowed.values, type)) return { kind: 'list', values: allowed.values };
    if (allowed?.kind === 'weighted' && valuesFit(allowed.values.map((v) => v.value), type) && allowed.values.some((v) => v.weight > 0)) {
      return { kind: 'weighted', values: allowed.values.map((v) => ({ value: v.value, weight: Math.max(0, v.weight) })) };
    }
    if (type === 'list') return undefined;
    return generatorForName(def.name, type, input.naming) ?? fallbackFor(type);
  }
}

function valuesFit(values: readonly unknown[], type: string): boolean {
  if (type === 'number') return values.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (type === 'string') return values.every((v) => typeof v === 'string');
  if (type === 'boolean') return values.every((v) => typeof v === 'boolean');
  return false;
}

function fallbackFor(type: string): ValueGenerator | undefined {
  if (type === 'number') return { kind: 'range', min: 0, max: 100, skew: 'low' };
  if (type === 'boolean') return { kind: 'weighted', values: [{ value: true, weight: 0.3 }, { value: false, weight: 0.7 }] };
  return undefined;
}
