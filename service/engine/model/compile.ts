/**
 * Taxonomy + rules → the tables the simulator reads on its hot path: alias tables for every
 * weighted pick, event gates as small integer arrays, property generators as closures and every
 * constant JSON fragment pre-encoded.
 */
import type { Platform, PropertyDef, PropertyType, Taxonomy } from '../../../taxonomy/model.ts';
import { AliasTable } from '../random/alias.ts';
import { compileDistribution, type Sampler } from '../random/distribution.ts';
import type { Rules } from '../rules/schema.ts';
import { USER_TRAITS } from '../rules/user-traits.ts';
import { indexTaxonomy } from '../rules/check/index-taxonomy.ts';
import { countryPreset, releaseIndexOn, sdkFor, type DeviceProfile, type SdkIdentity } from '../presets/index.ts';
import { coerce, coercer, compileGenerator, defaultGenerator, type GenContext, type GenEnv, type Generator, type Value } from './values.ts';
import { encode } from '../output/byte-writer.ts';
import { isValidZone } from '../time/calendar.ts';
import { formatLocalTime } from '../time/local-time.ts';
import type { StaticType } from '../expr/functions.ts';
import type { KnownNames } from '../expr/index.ts';
import { upgradeLagOf, type SimUser, type TraitNames } from './user-state.ts';
import { ageAware } from './initial-state.ts';

export interface PropSlot {
  name: string;
  /** `,"name":` */
  key: Uint8Array;
  type: PropertyType;
  gen: Generator;
  /** Children of object / object-group properties. */
  children: PropSlot[] | null;
}

export interface CompiledEvent {
  index: number;
  name: string;
  /** `{"#type":"track","#event_name":"NAME"`: the start of every record of this event. */
  nameFragment: Uint8Array;
  weight: number;
  placement: 'session_start' | 'session_end' | 'anywhere';
  once: boolean;
  /** Bit slot in `SimUser.gates` when something is gated on this event (once-per-user, a prerequisite), else -1. */
  gate: number;
  /** Gate slots of the events that must have happened before. */
  prerequisites: number[];
  /** The same prerequisites as event indexes. */
  prerequisiteEvents: number[];
  /**
   * How many times each prerequisite comes right before this event in a sequence (a tutorial's
   * eight steps before its completion), so a user sent on to the event does them all; else 1.
   */
  prerequisiteTimes: number[];
  payment: boolean;
  /** First lifecycle stage in which the event is allowed. */
  stage: number;
  /** Stage entered by doing this event, or -1. */
  enters: number;
  register: boolean;
  props: PropSlot[];
  /** Reused per record of this event (see emitNext). */
  scratch: Value[];
  ctx: GenContext;
  /** Slot of the revenue property on payment events, or -1. */
  revenueSlot: number;
  updates: CompiledUpdate[];
  /** Where this event's copied values are kept (`SimUser.remembered[slot]`), or -1. */
  rememberSlot: number;
  /** For each kept value, the position of its property in `props` (-1: the event has no such property). */
  rememberProps: number[];
}

export interface CompiledUpdate {
  property: string;
  /** `"name":` (no leading comma: it starts or continues a user_* record's properties). */
  key: Uint8Array;
  method: 'set' | 'set_once' | 'add' | 'append' | 'uniq_append';
  type: PropertyType;
  value: Generator;
  /** A level-like number (level, rank, tier, stage) set by this update never goes down. */
  monotonic: boolean;
}

export interface CompiledSegment {
  name: string;
  day1: number;
  halfLifeDays: number;
  floor: number;
  churnPerDay: number;
  returnPerDay: number;
  sessionsPerDay: Sampler;
  sessionMinutes: Sampler;
  gapMinutes: Sampler;
  eventsPerSession: Sampler;
  payer: number;
  hours: AliasTable;
}

export interface CompiledSequence {
  steps: number[];
  trigger: 'first_session' | 'every_session' | 'random';
  probability: number;
  continueProbability: number;
  gapSeconds: Sampler;
}

export interface CompiledFunnel {
  steps: number[];
  entry: number;
  conversion: number[];
  minutes: Sampler;
  windowMs: number;
}

export interface CompiledCountry {
  code: string;
  zone: string;
  locale: string;
  fakerLocale: string;
}

export interface CompiledModel {
  rules: Rules;
  segments: CompiledSegment[];
  segmentTable: AliasTable;
  events: CompiledEvent[];
  /** Encoded preset blocks shared by every user with the same presets, app version and offset (see emit.ts). */
  presetBlocks: Map<number, Uint8Array>;
  /** Ids of the distinct per-user preset sets (device, language, carrier, network). */
  presetBases: Map<string, number>;
  /** Device profiles and trait-name sets shared between users, by their contents (see createUser). */
  deviceProfiles: Map<string, DeviceProfile>;
  traitNames: Map<string, TraitNames>;
  eventNames: string[];
  eventIndex: Map<string, number>;
  startEvents: number[];
  endEvents: number[];
  /** Random (anywhere) events and their weights; per-day tables when the timeline changes weights. */
  randomEvents: number[];
  randomTable: AliasTable;
  randomTableByDay: Map<number, AliasTable>;
  sequences: CompiledSequence[];
  funnels: CompiledFunnel[];
  /** Per lifecycle stage, the event that enters it (-1: none, or the first stage). */
  stageEntry: number[];
  countries: CompiledCountry[];
  countryTable: AliasTable;
  platforms: Platform[];
  platformTable: AliasTable;
  /** Device mix from the rules per platform index (empty: the preset catalogue decides). */
  devices: Rules['devices'][];
  bundleId: string;
  sdk: SdkIdentity[];
  channels: Rules['channels'];
  channelTable: AliasTable | null;
  releases: { version: string; day: number; rolloutDays: number }[];
  /** Multiplier of activity per day index (weekday profile × timeline), from `firstDay`. */
  activityFactor: (day: number) => number;
  acquisitionFactor: (day: number) => number;
  /** set_once properties of a user's first record; `key` as in CompiledUpdate. */
  initialProps: { property: string; key: Uint8Array; type: PropertyType; gen: Generator }[];
  fakerMethods: string[];
  counterSlots: number;
  revenueProperty: string | undefined;
  userPropertyTypes: Map<string, PropertyType>;
}

const NAME_OK = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const LEVEL_LIKE = /level|rank|tier|stage/i;

/** `startWeekday`: local weekday of day 0, Monday = 0. */
export function compileModel(taxonomy: Taxonomy, rules: Rules, startWeekday: number): CompiledModel {
  const eventIndex = new Map<string, number>();
  const taxEvents = taxonomy.events.filter((e) => NAME_OK.test(e.name));
  taxEvents.forEach((e, i) => eventIndex.set(e.name, i));
  const segIndex = new Map(rules.segments.map((s, i) => [s.name, i]));

  const propDefs = new Map<string, PropertyDef>();
  for (const p of [...taxonomy.commonProperties, ...taxonomy.eventProperties]) if (!propDefs.has(p.name)) propDefs.set(p.name, p);
  const userPropertyTypes = new Map(taxonomy.userProperties.map((p) => [p.name, p.type]));

  const fakerMethods: string[] = [];
  let counterSlots = 0;
  // Remembered events in slot order, each with the properties copied from it.
  const remembered: { event: number; properties: string[] }[] = [];
  const baseEnv = (where: string, formulaNames: KnownNames, slotNames: readonly string[] = [], ownName = '', general?: () => Generator): GenEnv => ({
    slotIndex: (n) => slotNames.indexOf(n),
    ownName,
    eventIndex: (n) => eventIndex.get(n) ?? -1,
    segmentIndex: (n) => segIndex.get(n) ?? -1,
    formulaNames,
    userPropertyNames: new Set(userPropertyTypes.keys()),
    fakerSlot: (method) => {
      fakerMethods.push(method);
      return fakerMethods.length - 1;
    },
    remember: (event, property) => {
      let slot = remembered.findIndex((r) => r.event === event);
      if (slot < 0) slot = remembered.push({ event, properties: [] }) - 1;
      const kept = remembered[slot]!.properties;
      let position = kept.indexOf(property);
      if (position < 0) position = kept.push(property) - 1;
      return { slot, position };
    },
    counterSlot: () => counterSlots++,
    where,
    appVersion,
    general: general ?? (() => () => null),
  });
  const taxIndex = indexTaxonomy(taxonomy);
  // Initial user properties see no event: only user.X, trait.X and day.
  const userScopeNames = new Map<string, StaticType>([
    ...[...userPropertyTypes].map(([n, t]): [string, StaticType] => [`user.${n}`, t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : t === 'string' || t === 'time' ? 'string' : 'unknown']),
    ...USER_TRAITS.map((t): [string, StaticType] => [`trait.${t}`, t === 'user_index' ? 'number' : 'string']),
    ['day', 'number'],
  ]);
  const releases = [...rules.releases].sort((a, b) => a.day - b.day);
  const appVersion = (user: SimUser, day: number) => appVersionAt(releases, user, day);

  const ruleFor = (event: string, property: string) =>
    rules.properties.find((r) => r.property === property && r.event === event) ?? rules.properties.find((r) => r.property === property && r.event === undefined);

  const stageOf = new Map<string, number>();
  rules.lifecycle.forEach((s, i) => s.allowEvents.forEach((e) => stageOf.has(e) || stageOf.set(e, i)));
  const entersOf = new Map<string, number>();
  rules.lifecycle.forEach((s, i) => s.enterOn && entersOf.set(s.enterOn, i));
  const eventRules = new Map(rules.events.map((r) => [r.event, r]));

  const events: CompiledEvent[] = taxEvents.map((e, index) => {
    const r = eventRules.get(e.name);
    const names = propertyNamesOf(e.properties, taxonomy, propDefs);
    // Typed names let the evaluator pick its specialised paths (numbers stay numbers).
    const formulaNames = taxIndex.formulaNames(e.name);
    const slotFor = (name: string): PropSlot => {
      const def = propDefs.get(name);
      const type = def?.type ?? 'string';
      const where = `rules for event "${e.name}", property "${name}"`;
      const fallback = () => defaultGenerator(def, name, env);
      // The property's rule for every event, used when an event-specific rule has nothing to give
      // (a copy from an event the user has not done yet).
      const generalRule = rules.properties.find((r) => r.property === name && r.event === undefined);
      const general = () => (generalRule && generalRule.value.kind !== 'copy' ? compileGenerator(generalRule.value, env, fallback) : fallback());
      const env = baseEnv(where, formulaNames, name.includes('.') ? [] : names, name, general);
      const rule = ruleFor(e.name, name);
      const raw = rule ? compileGenerator(rule.value, env, fallback) : fallback();
      const children = type === 'object' || type === 'object_group' ? childSlots(name) : null;
      const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
      const fix = coercer(type);
      return { name, key: encode(`,${JSON.stringify(short)}:`), type, gen: (ctx) => fix(raw(ctx)), children };
    };
    const childSlots = (parent: string): PropSlot[] =>
      [...propDefs.keys()].filter((n) => n.startsWith(`${parent}.`) && !n.slice(parent.length + 1).includes('.')).map(slotFor);
    const props = names.map(slotFor);
    return {
      index,
      name: e.name,
      nameFragment: encode(`{"#type":"track","#event_name":${JSON.stringify(e.name)}`),
      weight: r?.weight ?? 0,
      placement: r?.placement ?? 'anywhere',
      once: r?.oncePerUser ?? false,
      gate: -1,
      prerequisites: [],
      prerequisiteEvents: (r?.prerequisites ?? []).map((p) => eventIndex.get(p) ?? -1).filter((i) => i >= 0),
      prerequisiteTimes: [],
      payment: r?.payment ?? false,
      stage: stageOf.get(e.name) ?? 0,
      enters: entersOf.get(e.name) ?? -1,
      register: rules.identity.registerEvent === e.name,
      props,
      scratch: new Array<Value>(props.length).fill(null),
      ctx: { rng: null as unknown as GenContext['rng'], user: null as unknown as GenContext['user'], day: 0, localMs: 0, values: [] },
      revenueSlot: rules.monetization.revenueProperty ? names.indexOf(rules.monetization.revenueProperty) : -1,
      updates: [],
      rememberSlot: -1,
      rememberProps: [],
    };
  });

  for (const [i, u] of rules.userUpdates.entries()) {
    const ev = eventIndex.get(u.event);
    const type = userPropertyTypes.get(u.property);
    if (ev === undefined || type === undefined || !NAME_OK.test(u.property)) continue;
    const event = events[ev]!;
    const slotNames = event.props.map((p) => p.name);
    const env = baseEnv(`rules.userUpdates[${i}]`, taxIndex.formulaNames(u.event), slotNames, u.property);
    const v = u.value;
    const slot = v.kind === 'event_property' ? slotNames.indexOf(v.property) : -1;
    const gen: Generator =
      v.kind === 'event_property'
        ? (ctx) => (slot >= 0 ? (ctx.values[slot] ?? null) : null)
        : v.kind === 'constant'
          ? () => v.value
          : v.kind === 'event_time'
            ? (ctx) => formatLocalTime(ctx.localMs)
            : v.kind === 'event_name'
              ? () => event.name
              : compileGenerator(v.value, env, () => () => null);
    const method = u.method;
    const target: PropertyType = method === 'add' ? 'number' : method === 'append' || method === 'uniq_append' ? 'list' : type;
    const monotonic = method === 'set' && type === 'number' && LEVEL_LIKE.test(u.property);
    event.updates.push({ property: u.property, key: encode(`${JSON.stringify(u.property)}:`), method, type: target, value: (ctx) => coerce(target, gen(ctx)), monotonic });
  }

  const initialProps = rules.initialUserProperties.flatMap((p, i) => {
    const type = userPropertyTypes.get(p.property);
    if (!type || !NAME_OK.test(p.property)) return [];
    const env = baseEnv(`rules.initialUserProperties[${i}]`, userScopeNames, [], p.property);
    const gen = compileGenerator(p.value, env, () => defaultGenerator(taxonomy.userProperties.find((u) => u.name === p.property), p.property, env));
    const def = taxonomy.userProperties.find((u) => u.name === p.property);
    const aged = type === 'number' ? ageAware(p.property, gen, def?.allowed?.kind === 'range' ? def.allowed.max : undefined) : gen;
    return [{ property: p.property, key: encode(`${JSON.stringify(p.property)}:`), type, gen: ((ctx) => coerce(type, aged(ctx))) as Generator }];
  });

  for (const [slot, r] of remembered.entries()) {
    const e = events[r.event]!;
    e.rememberSlot = slot;
    e.rememberProps = r.properties.map((p) => e.props.findIndex((x) => x.name === p));
  }
  // Only events something is gated on get a bit; prerequisites are then read as those bits.
  let gates = 0; // gate bit slots handed out
  for (const e of events) if (e.once) e.gate = gates++;
  for (const e of events) for (const p of e.prerequisiteEvents) if (events[p]!.gate < 0) events[p]!.gate = gates++;
  for (const e of events) e.prerequisites = e.prerequisiteEvents.map((p) => events[p]!.gate);
  for (const e of events) e.prerequisiteTimes = e.prerequisiteEvents.map((p) => runBefore(rules.sequences, events[p]!.name, e.name));
  for (const e of events) e.ctx.values = e.scratch;

  const hourOf = (w: number[] | undefined) => new AliasTable(w && w.some((x) => x > 0) ? w : rules.hourOfDay);
  const segments: CompiledSegment[] = rules.segments.map((s) => ({
    name: s.name,
    ...s.activity,
    sessionsPerDay: compileDistribution(s.sessionsPerDay),
    sessionMinutes: compileDistribution(s.sessionMinutes),
    gapMinutes: compileDistribution(s.gapMinutes),
    eventsPerSession: compileDistribution(s.eventsPerSession),
    payer: s.payer,
    hours: hourOf(s.hourOfDay),
  }));

  const placed = (p: string) => events.filter((e) => e.placement === p && e.weight >= 0 && eventRules.has(e.name)).map((e) => e.index);
  const randomEvents = events.filter((e) => e.placement === 'anywhere' && e.weight > 0).map((e) => e.index);
  const baseWeights = randomEvents.map((i) => events[i]!.weight);
  const randomTableByDay = new Map<number, AliasTable>();
  for (const t of rules.timeline) {
    if (t.events.length === 0) continue;
    for (let d = t.fromDay; d <= t.toDay; d++) {
      const w = randomEvents.map((i) => {
        const m = rules.timeline.filter((x) => x.fromDay <= d && d <= x.toDay).flatMap((x) => x.events).filter((x) => x.event === events[i]!.name);
        return m.reduce((acc, x) => acc * x.multiplier, events[i]!.weight);
      });
      if (randomEvents.length > 0) randomTableByDay.set(d, new AliasTable(w));
    }
  }

  const toIdx = (names: string[]) => names.map((n) => eventIndex.get(n) ?? -1);
  const sequences: CompiledSequence[] = rules.sequences
    .map((s) => ({ steps: toIdx(s.steps), trigger: s.trigger, probability: s.probability, continueProbability: s.continueProbability, gapSeconds: compileDistribution(s.gapSeconds) }))
    .filter((s) => s.steps.every((i) => i >= 0));
  const funnels: CompiledFunnel[] = rules.funnels
    .map((f) => ({
      steps: toIdx(f.steps),
      entry: f.entryPerSession,
      conversion: f.steps.map((_, i) => (i === 0 ? 1 : (f.stepConversion[i] ?? 0.5))),
      minutes: compileDistribution(f.minutesToConvert),
      windowMs: f.windowHours * 3_600_000,
    }))
    .filter((f) => f.steps.every((i) => i >= 0));

  const countries: CompiledCountry[] = rules.countries.map((c) => {
    const code = c.country.toUpperCase();
    const preset = countryPreset(code);
    const zone = c.timeZone && isValidZone(c.timeZone) ? c.timeZone : (preset?.zones[0]?.zone ?? 'UTC');
    return { code, zone, locale: c.locale || preset?.locale || 'en-US', fakerLocale: preset?.fakerLocale ?? 'en_US' };
  });

  const platforms = rules.platforms.map((p) => p.platform);
  const devices = platforms.map((p) => rules.devices.filter((d) => d.platform === p));
  const slug = (taxonomy.product.name || 'demo').toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 30) || 'demo';

  const weekday = rules.dayOfWeek.some((x) => x > 0) ? rules.dayOfWeek : [1, 1, 1, 1, 1, 1, 1];
  const meanW = weekday.reduce((a, b) => a + b, 0) / 7;
  const activityFactor = (day: number) => {
    let f = weekday[(((startWeekday + day) % 7) + 7) % 7]! / meanW;
    for (const t of rules.timeline) if (t.fromDay <= day && day <= t.toDay) f *= t.activity;
    return f;
  };
  const acquisitionFactor = (day: number) => {
    let f = 1;
    for (const t of rules.timeline) if (t.fromDay <= day && day <= t.toDay) f *= t.acquisition;
    return f;
  };

  return {
    rules,
    segments,
    segmentTable: new AliasTable(rules.segments.map((s) => s.share)),
    events,
    presetBlocks: new Map(),
    presetBases: new Map(),
    deviceProfiles: new Map(),
    traitNames: new Map(),
    eventNames: events.map((e) => e.name),
    eventIndex,
    startEvents: placed('session_start'),
    endEvents: placed('session_end'),
    randomEvents,
    randomTable: new AliasTable(randomEvents.length > 0 ? baseWeights : [1]),
    randomTableByDay,
    sequences,
    funnels,
    stageEntry: rules.lifecycle.map((s) => (s.enterOn ? (eventIndex.get(s.enterOn) ?? -1) : -1)),
    countries,
    countryTable: new AliasTable(rules.countries.map((c) => c.share)),
    platforms,
    platformTable: new AliasTable(rules.platforms.map((p) => p.share)),
    devices,
    bundleId: `com.${slug}.app`,
    sdk: platforms.map((p) => sdkFor(p)),
    channels: rules.channels,
    channelTable: rules.channels.length > 0 ? new AliasTable(rules.channels.map((c) => c.share)) : null,
    releases,
    activityFactor,
    acquisitionFactor,
    initialProps,
    fakerMethods,
    counterSlots,
    revenueProperty: rules.monetization.revenueProperty,
    userPropertyTypes,
  };
}

/**
 * The app version a user runs on a day: the release rolled out to them by then, never older than
 * the one they installed (the same rule the preset block follows).
 */
export function appVersionAt(releases: readonly { version: string; day: number; rolloutDays: number }[], user: SimUser, day: number): string {
  const i = appVersionIndexAt(releases, user, day);
  return i < 0 ? '1.0.0' : releases[i]!.version;
}

/** `appVersionAt` as an index into `releases` (sorted by day), or -1 when there are none. */
export function appVersionIndexAt(releases: readonly { day: number; rolloutDays: number }[], user: SimUser, day: number): number {
  const reached = releaseIndexOn(releases, day, upgradeLagOf(user));
  let installed = -1;
  for (let i = 0; i < releases.length && releases[i]!.day <= user.installDay; i++) installed = i;
  return installed > reached ? installed : reached;
}

/** An event's property names with object children folded into their parent; presets (#…) skipped. */
function propertyNamesOf(listed: string[], taxonomy: Taxonomy, defs: Map<string, PropertyDef>): string[] {
  const out: string[] = [];
  const add = (n: string) => {
    if (!out.includes(n)) out.push(n);
  };
  for (const p of taxonomy.commonProperties) if (NAME_OK.test(p.name)) add(p.name);
  for (const name of listed) {
    if (name.startsWith('#')) continue;
    const parent = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
    if (!NAME_OK.test(parent)) continue;
    if (name.includes('.') && !defs.has(parent)) continue;
    add(parent);
  }
  return out;
}

/** The longest run of `step` right before `next` in any sequence's steps; 1 when there is none. */
function runBefore(sequences: readonly { steps: readonly string[] }[], step: string, next: string): number {
  let most = 1;
  for (const s of sequences) {
    for (let i = 1; i < s.steps.length; i++) {
      if (s.steps[i] !== next || s.steps[i - 1] !== step) continue;
      let run = 0;
      for (let j = i - 1; j >= 0 && s.steps[j] === step; j--) run++;
      most = Math.max(most, run);
    }
  }
  return most;
}
