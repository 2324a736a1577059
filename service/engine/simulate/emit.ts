/**
 * Writes one planned event (and the user_* records it causes) as bytes. Property values are drawn
 * from the user's value stream here, in time order, so `copy` and user-property state see exactly
 * the events written before.
 */
import type { ByteWriter } from '../output/byte-writer.ts';
import { encode } from '../output/byte-writer.ts';
import { appVersionIndexAt, type CompiledModel, type CompiledUpdate, type PropSlot } from '../model/compile.ts';
import { deviceKey } from '../presets/index.ts';
import type { SimUser } from '../model/user-state.ts';
import type { GenContext, Value } from '../model/values.ts';
import { formatLocalTime } from '../time/local-time.ts';
import type { DayPlan } from './plan-day.ts';
import type { ShardInsights } from './shard-insights.ts';

const DISTINCT_ID_KEY = encode(',"#distinct_id":"');
const ACCOUNT_ID_KEY = encode('","#account_id":"');
const IP_KEY = encode('","#ip":"');
const TIME_KEY = encode('","#time":"');
const UUID_KEY = encode('","#uuid":');
const DEVICE_ID_KEY = encode(',"#device_id":"');
const INSTALL_TIME_KEY = encode('","#install_time":"');
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

/**
 * The preset block for the user's day, `,"properties":{"#zone_offset":N,<presets>`. Blocks are
 * shared by every user with the same device, app version and offset (a few thousand at most),
 * so a user holds a reference, not bytes of their own; the per-user presets follow it (see
 * `writePresets`).
 */
function presetBlock(model: CompiledModel, u: SimUser, day: number, offsetMin: number): Uint8Array {
  if (u.presetBase < 0) {
    const base = `${u.platform}|${deviceKey(u.device)}|${u.systemLanguage}|${u.carrier}|${u.network ?? ''}`;
    let id = model.presetBases.get(base);
    if (id === undefined) model.presetBases.set(base, (id = model.presetBases.size));
    u.presetBase = id;
  }
  const releases = model.releases;
  const version = appVersionIndexAt(releases, u, day);
  // Offsets are whole minutes within ±24 h.
  const key = (u.presetBase * (releases.length + 1) + version + 1) * 4096 + offsetMin + 2048;
  let block = model.presetBlocks.get(key);
  if (!block) {
    block = encodePresets(model, u, version < 0 ? '1.0.0' : releases[version]!.version, offsetMin);
    model.presetBlocks.set(key, block);
  }
  return block;
}

function encodePresets(model: CompiledModel, u: SimUser, version: string, offsetMin: number): Uint8Array {
  const d = u.device;
  const parts: [string, string | number][] = [
    ['#os', d.os],
    ['#os_version', d.osVersion],
    ['#device_model', d.model],
    ['#device_type', d.deviceType],
    ['#manufacturer', d.manufacturer],
    ['#screen_width', d.screenWidth],
    ['#screen_height', d.screenHeight],
    ['#app_version', version],
    ['#bundle_id', model.bundleId],
    ['#system_language', u.systemLanguage],
    ['#lib', model.sdk[u.platform]!.lib],
    ['#lib_version', model.sdk[u.platform]!.libVersion],
  ];
  if (u.carrier) parts.push(['#carrier', u.carrier]);
  if (u.network) parts.push(['#network_type', u.network]);
  if (d.browser) parts.push(['#browser', d.browser], ['#browser_version', d.browserVersion ?? '']);
  if (d.ua) parts.push(['#ua', d.ua]);
  return encode(`,"properties":{"#zone_offset":${offsetMin / 60}${parts.map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('')}`);
}

/**
 * `,"properties":{…presets` for the user's day: the shared preset block, then the presets only
 * this user has, `#device_id` (the device id is the guest id) and `#install_time`. Encoded at the
 * user's first event of the part-day, then copied.
 */
function writePresets(w: ByteWriter, model: CompiledModel, plan: DayPlan): void {
  if (plan.presets) {
    w.raw(plan.presets);
    return;
  }
  const u = plan.user;
  const from = w.pos;
  w.raw(presetBlock(model, u, plan.day, plan.offsetMin));
  w.raw(DEVICE_ID_KEY);
  w.ascii(u.distinctId);
  w.raw(INSTALL_TIME_KEY);
  w.time(u.installLocalMs);
  w.byte(0x22);
  plan.presets = plan.arena.keep(w.buf, from, w.pos);
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

/**
 * The record's head: type and name, then the identity fields, `#time` and `#uuid`. The identity
 * fields are the same in all of a user's records of a day until they register, and a user-day has
 * records of a few kinds, so each kind's head with the identity is encoded once per user-day into
 * the arena and copied after that (one copy of ~130 bytes, not a short one and a long one). Ids
 * are ours (hex and digits): ASCII that needs no escaping.
 */
function header(w: ByteWriter, head: Uint8Array, plan: DayPlan, localMs: number, registered: boolean): void {
  let heads = plan.heads;
  if (!heads || plan.identityRegistered !== registered) {
    heads = plan.heads = [];
    plan.identityRegistered = registered;
  }
  let i = 0;
  while (i < heads.length && heads[i] !== head) i += 2;
  if (i < heads.length) w.raw(heads[i + 1]!);
  else {
    const from = w.pos;
    w.raw(head);
    writeIdentity(w, plan.user, registered);
    heads.push(head, plan.arena.keep(w.buf, from, w.pos));
  }
  w.time(localMs);
  w.raw(UUID_KEY);
  const r = plan.user.valueRng;
  w.uuid(r.u32(), r.u32(), r.u32(), r.u32());
}

/** `,"#distinct_id":"…"[,"#account_id":"…"],"#ip":"…","#time":"`. */
function writeIdentity(w: ByteWriter, u: SimUser, registered: boolean): void {
  w.raw(DISTINCT_ID_KEY);
  w.ascii(u.distinctId);
  if (registered) {
    w.raw(ACCOUNT_ID_KEY);
    w.uint(u.index + 100_000);
  }
  w.raw(IP_KEY);
  const ip = u.ip;
  w.uint(ip >>> 24);
  w.byte(0x2e);
  w.uint((ip >>> 16) & 255);
  w.byte(0x2e);
  w.uint((ip >>> 8) & 255);
  w.byte(0x2e);
  w.uint(ip & 255);
  w.raw(TIME_KEY);
}

/** Elements of an appended list a user's state keeps. */
const APPENDED_KEPT = 100;

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
      // ThinkingEngine keeps the whole appended list; the simulation only ever reads its recent end,
      // and memory must grow with users, not with their events.
      props[name] = list.length > APPENDED_KEPT ? list.slice(-APPENDED_KEPT) : list;
    }
  }
}

/**
 * The user_* updates one event causes, gathered in reused parallel columns (an event causes a
 * handful at most), then written as one record per method in order of first appearance.
 */
const pending = {
  n: 0,
  method: [] as CompiledUpdate['method'][],
  key: [] as Uint8Array[],
  property: [] as string[],
  value: [] as Value[],
};

function addPending(method: CompiledUpdate['method'], key: Uint8Array, property: string, value: Value): void {
  const i = pending.n++;
  pending.method[i] = method;
  pending.key[i] = key;
  pending.property[i] = property;
  pending.value[i] = value;
}

function writeUserRecords(w: ByteWriter, plan: DayPlan, localMs: number): void {
  const u = plan.user;
  const n = pending.n;
  for (let i = 0; i < n; i++) {
    const method = pending.method[i]!;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = pending.method[j] === method;
    if (seen) continue;
    header(w, HEADS[method]!, plan, localMs, u.emitRegistered);
    w.raw(USER_PROPS);
    for (let j = i; j < n; j++) {
      if (pending.method[j] !== method) continue;
      if (j > i) w.byte(0x2c);
      w.raw(pending.key[j]!);
      writeValue(w, pending.value[j]!);
      applyUpdate(u.props, method, pending.property[j]!, pending.value[j]!);
    }
    w.raw(TAIL);
    w.endRecord();
    const type = TYPE_NAMES[method]!;
    w.counts[type] = (w.counts[type] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) pending.value[i] = null;
  pending.n = 0;
}

/** Writes the plan's next event and the user_* records it causes. */
export function emitNext(model: CompiledModel, plan: DayPlan, w: ByteWriter, insights: ShardInsights | null): void {
  const u = plan.user;
  const a = plan.arena;
  const i = plan.first + plan.pos++;
  const ev = model.events[a.events[i]!]!;
  const localMs = a.times[i]!;
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
  if (!u.emittedAny) {
    u.emittedAny = true;
    // The profile comes first: a user's starting properties (a returning player's level, say)
    // are in place before their first event, which reads them like every later one.
    for (const p of model.initialProps) if (u.props[p.property] === undefined) addPending('set_once', p.key, p.property, p.gen(ctx));
    if (pending.n > 0) writeUserRecords(w, plan, localMs);
  }
  for (let k = 0; k < props.length; k++) values[k] = valueOf(props[k]!, ctx);

  header(w, ev.nameFragment, plan, localMs, u.emitRegistered);
  if (ev.once) {
    w.raw(FIRST_CHECK);
    w.str(u.distinctId);
  }
  writePresets(w, model, plan);
  for (let k = 0; k < props.length; k++) {
    const slot = props[k]!;
    w.raw(slot.key);
    const v = values[k]!;
    if (typeof v === 'number') w.num(v);
    else if (typeof v === 'string') w.str(v);
    else writeValue(w, v);
  }
  if (ev.placement === 'session_end') {
    const s = plan.firstSession + a.session[i]!;
    w.raw(DURATION);
    w.num(Math.max(1, Math.round((a.sessionEnd[s]! - a.sessionStart[s]!) / 1000)));
  }
  w.raw(TAIL);
  w.endRecord();
  w.counts.track = (w.counts.track ?? 0) + 1;

  if (ev.rememberSlot >= 0) {
    const at = ev.rememberProps;
    const remembered = (u.remembered ??= []);
    // Overwritten in place: only the latest values of the event are ever copied.
    const kept = (remembered[ev.rememberSlot] ??= new Array<Value | undefined>(at.length));
    for (let k = 0; k < at.length; k++) kept[k] = at[k]! >= 0 ? values[at[k]!] : undefined;
  }
  if (ev.payment && insights && ev.revenueSlot >= 0) {
    const amount = values[ev.revenueSlot];
    if (typeof amount === 'number') insights.addRevenue(u.slot, amount);
  }

  if (ev.updates.length === 0) return;
  for (const up of ev.updates) {
    const v = up.value(ctx);
    if (v === null) continue;
    if (up.monotonic && typeof v === 'number') {
      const cur = u.props[up.property];
      if (typeof cur === 'number' && v < cur) continue;
    }
    addPending(up.method, up.key, up.property, v);
  }
  if (pending.n > 0) writeUserRecords(w, plan, localMs);
}
