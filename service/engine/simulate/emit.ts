/**
 * Writes one planned event (and the user_* records it causes) as bytes. Property values are drawn
 * from the user's value stream here, in time order, so `copy` and user-property state see exactly
 * the events written before.
 */
import { appVersionOn } from '../presets/index.ts';
import type { ByteWriter } from '../output/byte-writer.ts';
import { encode } from '../output/byte-writer.ts';
import type { CompiledEvent, CompiledModel, PropSlot } from '../model/compile.ts';
import type { SimUser } from '../model/user-state.ts';
import type { GenContext, Value } from '../model/values.ts';
import { formatLocalTime } from '../model/values.ts';
import type { DayPlan } from './plan-day.ts';

const UUID_KEY = encode('","#uuid":');
const FIRST_CHECK = encode(',"#first_check_id":');
const DURATION = encode(',"#duration":');
const TAIL = encode('}}\n');
const USER_PROPS = encode(',"properties":{');
const TRUE = encode('true');
const FALSE = encode('false');
const NULL = encode('null');
const HEADS: Record<string, Uint8Array> = {
  set: encode('{"#type":"user_set"'),
  set_once: encode('{"#type":"user_setOnce"'),
  add: encode('{"#type":"user_add"'),
  append: encode('{"#type":"user_append"'),
  uniq_append: encode('{"#type":"user_uniq_append"'),
};

const TYPE_NAMES: Record<string, string> = { set: 'user_set', set_once: 'user_setOnce', add: 'user_add', append: 'user_append', uniq_append: 'user_uniq_append' };

export function writeValue(w: ByteWriter, v: Value): void {
  if (typeof v === 'number') w.num(v);
  else if (typeof v === 'string') w.str(v);
  else if (typeof v === 'boolean') w.raw(v ? TRUE : FALSE);
  else if (v === null) w.raw(NULL);
  else if (Array.isArray(v)) {
    w.byte(0x5b);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) w.byte(0x2c);
      writeValue(w, v[i] as Value);
    }
    w.byte(0x5d);
  } else {
    w.byte(0x7b);
    let first = true;
    for (const k in v) {
      if (!first) w.byte(0x2c);
      first = false;
      w.str(k);
      w.byte(0x3a);
      writeValue(w, v[k]!);
    }
    w.byte(0x7d);
  }
}

function identityOf(u: SimUser): [Uint8Array, Uint8Array] {
  if (!u.identity) {
    // Key order is free in JSON: ids first, then "#time" whose value the writer appends.
    const guest = `,"#distinct_id":${JSON.stringify(u.distinctId)}`;
    const ip = u.ip ? `,"#ip":${JSON.stringify(u.ip)}` : '';
    const time = ',"#time":"';
    u.identity = [encode(guest + ip + time), encode(`${guest},"#account_id":${JSON.stringify(u.accountId)}${ip}${time}`)];
  }
  return u.identity;
}

/** `,"properties":{"#zone_offset":N,<presets>` for the user's day: re-encoded when the app version or the offset changes. */
function presetBlock(model: CompiledModel, u: SimUser, day: number, offsetMin: number): Uint8Array {
  if (u.presetBlock && u.presetDay === day) return u.presetBlock;
  u.presetDay = day;
  const releases = model.releases;
  // Version index: releases are sorted by day, so the chosen version's index is stable to compare.
  let version = releases.length === 0 ? '1.0.0' : appVersionOn(releases, day, u.upgradeLag);
  if (releases.length > 0) {
    const installed = releases.filter((r) => r.day <= u.installDay).pop();
    if (installed && releases.indexOf(installed) > releases.findIndex((r) => r.version === version)) version = installed.version;
  }
  const vIdx = releases.findIndex((r) => r.version === version);
  if (u.presetBlock && u.presetVersion === vIdx && u.presetOffset === offsetMin) return u.presetBlock;
  return encodePresets(model, u, version, vIdx, offsetMin);
}

function encodePresets(model: CompiledModel, u: SimUser, version: string, vIdx: number, offsetMin: number): Uint8Array {
  const d = u.device;
  const parts: [string, string | number][] = [
    ['#os', d.os],
    ['#os_version', d.osVersion],
    ['#device_model', d.model],
    ['#device_type', d.deviceType],
    ['#manufacturer', d.manufacturer],
    ['#device_id', u.distinctId],
    ['#screen_width', d.screenWidth],
    ['#screen_height', d.screenHeight],
    ['#app_version', version],
    ['#bundle_id', model.bundleId],
    ['#system_language', u.systemLanguage],
    ['#lib', model.sdk[u.platform]!.lib],
    ['#lib_version', model.sdk[u.platform]!.libVersion],
    ['#install_time', formatLocalTime(u.installLocalMs)],
  ];
  if (u.carrier) parts.push(['#carrier', u.carrier]);
  if (u.network) parts.push(['#network_type', u.network]);
  if (d.browser) parts.push(['#browser', d.browser], ['#browser_version', d.browserVersion ?? '']);
  if (d.ua) parts.push(['#ua', d.ua]);
  u.presetBlock = encode(`,"properties":{"#zone_offset":${offsetMin / 60}${parts.map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('')}`);
  u.presetVersion = vIdx;
  u.presetOffset = offsetMin;
  return u.presetBlock;
}

function objectOf(children: PropSlot[], ctx: GenContext): Record<string, Value> {
  const o: Record<string, Value> = {};
  for (const c of children) o[shortName(c.name)] = c.gen(ctx);
  return o;
}

function valueOf(slot: PropSlot, ctx: GenContext): Value {
  const children = slot.children;
  if (children) {
    if (slot.type === 'object') return objectOf(children, ctx);
    const n = 1 + ctx.rng.int(3);
    const list: Record<string, Value>[] = [];
    for (let i = 0; i < n; i++) list.push(objectOf(children, ctx));
    return list;
  }
  const v = slot.gen(ctx);
  return v === null && slot.type === 'time' ? formatLocalTime(ctx.localMs) : v;
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function header(w: ByteWriter, head: Uint8Array, u: SimUser, localMs: number, registered: boolean): void {
  w.raw(head);
  w.raw((u.identity ?? identityOf(u))[registered ? 1 : 0]);
  w.time(localMs);
  w.raw(UUID_KEY);
  const r = u.valueRng;
  w.uuid(r.u32(), r.u32(), r.u32(), r.u32());
}

function applyUpdate(props: Record<string, Value>, method: string, name: string, v: Value): void {
  const cur = props[name];
  switch (method) {
    case 'set':
      props[name] = v;
      break;
    case 'set_once':
      if (cur === undefined) props[name] = v;
      break;
    case 'add':
      props[name] = ((typeof cur === 'number' ? cur : 0) + (v as number));
      break;
    default: {
      const list = Array.isArray(cur) ? [...(cur as string[])] : [];
      for (const x of v as string[]) if (method === 'append' || !list.includes(x)) list.push(x);
      props[name] = list;
    }
  }
}

function writeUserRecords(w: ByteWriter, ev: CompiledEvent | null, u: SimUser, ctx: GenContext, utcMs: number, updates: { method: string; key: Uint8Array; property: string; value: Value }[]): void {
  void ev;
  const methods: string[] = [];
  for (const up of updates) if (!methods.includes(up.method)) methods.push(up.method);
  for (const method of methods) {
    header(w, HEADS[method]!, u, ctx.localMs, u.emitRegistered);
    w.raw(USER_PROPS);
    let first = true;
    for (const up of updates) {
      if (up.method !== method) continue;
      // Keys are pre-encoded with a leading comma; the first one skips it.
      w.raw(first ? up.key.subarray(1) : up.key);
      first = false;
      writeValue(w, up.value);
      applyUpdate(u.props, method, up.property, up.value);
    }
    w.raw(TAIL);
    w.endRecord(utcMs, u.index);
    const type = TYPE_NAMES[method]!;
    w.counts[type] = (w.counts[type] ?? 0) + 1;
  }
}

/** Writes the plan's next event; returns its track event index (for facts). */
export function emitNext(model: CompiledModel, plan: DayPlan, w: ByteWriter): void {
  const u = plan.user;
  const i = plan.pos++;
  const ev = model.events[plan.events[i]!]!;
  const localMs = plan.times[i]!;
  const utcMs = localMs - plan.offsetMin * 60_000;
  if (ev.register) u.emitRegistered = true;
  const props = ev.props;
  // One scratch array and context per event kind: generators run synchronously, and values an
  // event must keep (for copy) are copied out below.
  const values = ev.scratch;
  const ctx = ev.ctx;
  ctx.rng = u.valueRng;
  ctx.user = u;
  ctx.day = plan.day;
  ctx.localMs = localMs;
  for (let k = 0; k < props.length; k++) values[k] = valueOf(props[k]!, ctx);

  header(w, ev.nameFragment, u, localMs, u.emitRegistered);
  if (ev.once) {
    w.raw(FIRST_CHECK);
    w.str(u.distinctId);
  }
  w.raw(u.presetDay === plan.day && u.presetBlock ? u.presetBlock : presetBlock(model, u, plan.day, plan.offsetMin));
  for (let k = 0; k < props.length; k++) {
    const slot = props[k]!;
    w.raw(slot.key);
    const v = values[k]!;
    if (typeof v === 'number') w.num(v);
    else if (typeof v === 'string') w.str(v);
    else writeValue(w, v);
  }
  if (ev.placement === 'session_end') {
    const s = plan.session[i]!;
    w.raw(DURATION);
    w.num(Math.max(1, Math.round((plan.sessionEnd[s]! - plan.sessionStart[s]!) / 1000)));
  }
  w.raw(TAIL);
  w.endRecord(utcMs, u.index);
  w.counts.track = (w.counts.track ?? 0) + 1;

  if (ev.remember) {
    const byName: Record<string, Value> = {};
    for (let k = 0; k < props.length; k++) byName[props[k]!.name] = values[k]!;
    (u.remembered ??= new Map()).set(ev.index, byName);
  }
  if (ev.payment && u.facts && ev.revenueSlot >= 0) {
    const amount = values[ev.revenueSlot];
    if (typeof amount === 'number') u.facts.revenue += amount;
  }

  if (u.emittedAny && ev.updates.length === 0) return;
  const updates: { method: string; key: Uint8Array; property: string; value: Value }[] = [];
  if (!u.emittedAny) {
    u.emittedAny = true;
    for (const p of model.initialProps) if (u.props[p.property] === undefined) updates.push({ method: 'set_once', key: p.key, property: p.property, value: p.gen(ctx) });
  }
  for (const up of ev.updates) {
    const v = up.value(ctx);
    if (v === null) continue;
    if (up.method === 'set' && typeof v === 'number' && typeof u.props[up.property] === 'number' && /level|rank|tier|stage/i.test(up.property) && v < (u.props[up.property] as number)) continue;
    updates.push({ method: up.method, key: up.key, property: up.property, value: v });
  }
  if (updates.length > 0) writeUserRecords(w, ev, u, ctx, utcMs, updates);
}
