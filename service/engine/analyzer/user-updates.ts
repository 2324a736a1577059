/**
 * How events change user properties, from the user property's name, type and update method:
 * a level-up sets the level, a payment adds to total revenue and appends the item bought, register
 * set-onces the register time; the rest get a starting value on the user's first event.
 */
import type { Taxonomy, UserPropertyDef } from '../../../taxonomy/model.ts';
import type { RulesInput, ValueGenerator } from '../rules/schema.ts';
import { indexTaxonomy } from '../rules/check/index-taxonomy.ts';
import type { EventRole } from './event-roles.ts';
import { generatorForAllowed, generatorForName, ITEM_ID, ITEM_NAME, LEVEL_NOW, USER_LEVEL, type NamingContext } from './property-names.ts';

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
  const common = new Set(t.commonProperties.map((p) => p.name));
  // The event's own properties first: a level-up's level_after, not the level every event carries.
  const carriedOf = (event: string, re: RegExp, type: string) => {
    const fits = (p: string) => !p.includes('.') && re.test(p.toLowerCase()) && index.propertyTypes.get(p) === type;
    const all = [...index.carried(event)];
    return all.find((p) => fits(p) && !common.has(p)) ?? all.find(fits);
  };

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
    if (type === 'number' && USER_LEVEL.test(name) && levelUps.length > 0) {
      return on(levelUps, 'set', (event) => {
        const carried = carriedOf(event, LEVEL_NOW, 'number');
        return carried ? { kind: 'event_property', property: carried } : { kind: 'generated', value: { kind: 'user_property', property: def.name, add: 1 } };
      });
    }
    if (type === 'number' && update === 'add' && /(count|times|num|cnt)$/.test(name)) {
      const stem = name.replace(/_?(count|times|num|cnt)$/, '').replace(/^(total|cumulative|lifetime|all)_/, '');
      const target = /pay|purchase|order|buy/.test(stem) ? payments : /login|visit|session/.test(stem) ? logins : events.filter((e) => stem.length >= 3 && e.toLowerCase().includes(stem));
      // An event that says how many at once (a 10-pull summon's pull_count) adds that many.
      return on(target.slice(0, 3), 'add', (event) => {
        const many = carriedOf(event, /(^|_)(count|cnt|quantity|qty|num)$/, 'number');
        return many ? { kind: 'event_property', property: many } : { kind: 'constant', value: 1 };
      });
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
    if (type === 'list' && (update === 'append' || update === 'uniq_append')) {
      // What the list collects, by name: owned_heroes gathers a summon's obtained_heroes,
      // recent_stages the stage_id of each stage started.
      const stem = singular(name.replace(/^(owned|recent|my|all|played|visited|viewed|collected|unlocked|acquired|used|joined)_/, ''));
      if (stem.length < 3) return [];
      const sourceStem = (p: string) => singular(p.toLowerCase().replace(/_(id|ids|list|code|name)$/, '').replace(/^(obtained|new|gained|acquired|selected|unlocked|target)_/, ''));
      const sources = events.flatMap((event) =>
        [...index.carried(event)]
          .filter((p) => !p.includes('.') && !common.has(p) && ['list', 'string'].includes(index.propertyTypes.get(p) ?? '') && sourceStem(p) === stem)
          .map((property) => ({ event, property })),
      );
      // A list the event already gathers beats one id per event.
      const best = sources.find((x) => index.propertyTypes.get(x.property) === 'list') ?? sources[0];
      if (!best) return [];
      // Appending keeps repeats, so one event feeds it (the stage started, not also cleared).
      const from = sources.filter((x) => x.property === best.property).slice(0, update === 'append' ? 1 : 3);
      return on(from.map((x) => x.event), update, () => ({ kind: 'event_property', property: best.property }));
    }
    if (type === 'time' && /(register|signup|sign_up|create|join)/.test(name) && input.registerEvent) {
      return on([input.registerEvent], 'set_once', () => ({ kind: 'event_time' }));
    }
    if (type === 'time' && /first_?(pay|purchase|order)/.test(name)) return on(payments, 'set_once', () => ({ kind: 'event_time' }));
    if (type === 'time' && /last_?(pay|purchase|order)/.test(name)) return on(payments, 'set', () => ({ kind: 'event_time' }));
    if (type === 'time' && /last_?(login|active|visit|seen|session)/.test(name)) return on(logins.slice(0, 1), 'set', () => ({ kind: 'event_time' }));
    if (type === 'boolean' && /^(is_)?(payer|paid|paying)(_user)?$/.test(name)) return on(payments, 'set', () => ({ kind: 'constant', value: true }));
    if ((update === 'set' || update === 'set_once') && (type === 'string' || type === 'number' || type === 'boolean') && !common.has(def.name)) {
      // An event that reports the same property is where the profile gets it: the company size
      // given at sign-up, the plan a subscription starts, the guild joined. Set once: the first
      // such event (the sign-up when it has it); set: the payments that carry it, else the events
      // that say they change it (join, switch, upgrade …), else the first that carries it.
      const carriers = index.propertyTypes.get(def.name) === type ? events.filter((e) => index.carried(e).has(def.name)) : [];
      const paying = carriers.filter((e) => payments.includes(e));
      const changes = carriers.filter((e) => /(^|_)(join|joined|change|changed|switch|select|selected|update|updated|upgrade|create|created)($|_)/.test(e));
      const from = update === 'set_once' ? [carriers.includes(input.registerEvent ?? '') ? input.registerEvent! : carriers[0]].filter((e): e is string => e !== undefined) : paying.length > 0 ? paying : changes.length > 0 ? changes : carriers.slice(0, 1);
      if (from.length > 0) return on(from, update, () => ({ kind: 'event_property', property: def.name }));
    }
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
    const stated = generatorForAllowed(def.allowed, type);
    if (stated) return stated;
    if (type === 'list') return undefined;
    return generatorForName(def.name, type, input.naming) ?? fallbackFor(type);
  }
}

/** heroes → hero, stages → stage, categories → category. */
function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(oes|ses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function fallbackFor(type: string): ValueGenerator | undefined {
  if (type === 'number') return { kind: 'range', min: 0, max: 100, skew: 'low' };
  if (type === 'boolean') return { kind: 'weighted', values: [{ value: true, weight: 0.3 }, { value: false, weight: 0.7 }] };
  return undefined;
}
