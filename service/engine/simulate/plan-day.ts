/**
 * One user's day as a plan: session start and end in local time, and the events in each session
 * in order, with their times. Gates (lifecycle stage, prerequisites, once-per-user, payers) are
 * checked as each event is placed, so what the plan holds is exactly what will be written.
 */
import type { CompiledModel } from '../model/compile.ts';
import { hasDone, markDone, type SimUser } from '../model/user-state.ts';
import type { Rng } from '../random/prng.ts';
import { decideActive } from './activity.ts';
import type { DayArena } from './day-arena.ts';
import type { FunnelFates } from './funnel-fates.ts';

/** One user's day: its events are `arena` entries [first, first + count), its sessions [firstSession, …). */
export interface DayPlan {
  user: SimUser;
  day: number;
  /** Local midnight of the day as "UTC" ms, and the zone offset in minutes for the whole day. */
  dayLocalMs: number;
  offsetMin: number;
  arena: DayArena;
  first: number;
  count: number;
  firstSession: number;
  sessions: number;
  /** Next event to emit, counted from `first`. */
  pos: number;
  /**
   * Record heads encoded for the day (see emit.ts), in pairs: a head (type and name), then it
   * followed by the user's identity fields as registered or not (`identityRegistered`). Null
   * until the first record: most plans made are history's, which write nothing.
   */
  heads: Uint8Array[] | null;
  identityRegistered: boolean;
  /** The day's preset block followed by the user's own presets, encoded at their first event. */
  presets: Uint8Array | null;
}

const DAY_END = 86_400_000 - 1;
const MAX_SESSIONS = 12;
const HISTORY_SESSIONS = 6;

function allowed(model: CompiledModel, user: SimUser, ev: number): boolean {
  const e = model.events[ev]!;
  if (e.stage > user.stage) return false;
  if (e.once && hasDone(user, e.gate)) return false;
  if (e.payment && !user.payer) return false;
  const pre = e.prerequisites;
  for (let i = 0; i < pre.length; i++) if (!hasDone(user, pre[i]!)) return false;
  return true;
}

/** Nested placements (a funnel's next step, its prerequisite) stop here, whatever the rules say. */
const MAX_FOLLOW_DEPTH = 16;

/** Places one session's events. One instance serves every session (planning is synchronous). */
class Placer {
  t = 0;
  start = 0;
  stopped = false;
  private following = 0;
  private plan!: DayPlan;
  private model!: CompiledModel;
  private user!: SimUser;
  private session = 0;
  private fates: FunnelFates | null = null;

  begin(plan: DayPlan, model: CompiledModel, user: SimUser, session: number, start: number, fates: FunnelFates | null): this {
    this.plan = plan;
    this.model = model;
    this.user = user;
    this.session = session;
    this.fates = fates;
    this.t = start;
    this.start = start;
    this.stopped = false;
    this.following = 0;
    return this;
  }

  /** UTC ms, cut to whole seconds, of local time `t` of the day: what funnels read. */
  private utcSecond(t: number): number {
    return Math.floor((this.plan.dayLocalMs + t - this.plan.offsetMin * 60_000) / 1000) * 1000;
  }

  /**
   * Places `ev` after `gapMs`, when allowed and inside the day; returns whether it was placed.
   * `fated`: a funnel's next step for a user fated to reach it, which another funnel sharing the
   * event does not refuse (two funnels' fates are drawn apart; the one that goes on wins).
   */
  place(ev: number, gapMs: number, closing = false, fated = false): boolean {
    if (this.stopped && !closing) return false;
    if (!allowed(this.model, this.user, ev)) return false;
    let t = this.t + Math.max(1, Math.round(gapMs));
    if (t > DAY_END) {
      this.stopped = true;
      // A session cut by midnight still ends (the app is closed) before the day does.
      if (!closing || this.t >= DAY_END) return false;
      t = DAY_END;
    }
    const fates = this.fates;
    const inFunnel = fates !== null && fates.funnelsOf(ev) !== undefined;
    const second = inFunnel ? this.utcSecond(t) : 0;
    if (inFunnel && !fated && fates.refuses(this.user.slot, ev, second)) return false;
    this.t = t;
    const plan = this.plan;
    plan.arena.addEvent(plan.dayLocalMs + t, ev, this.session);
    plan.count++;
    const user = this.user;
    const e = this.model.events[ev]!;
    if (e.gate >= 0) markDone(user, e.gate);
    if (e.enters > user.stage) user.stage = e.enters;
    if (e.register) user.registered = true;
    if (inFunnel) {
      fates.record(user.slot, ev, second, user.rng);
      this.follow(fates.funnelsOf(ev)!);
    }
    return true;
  }

  /** A user coming back inside a funnel's window goes on with it (at a session's start). */
  resumeFunnels(): void {
    if (this.fates !== null) this.follow(this.fates.all);
  }

  /** Places the next step of each of `funnels` the user is fated to reach and still short of. */
  private follow(funnels: readonly number[]): void {
    const fates = this.fates!;
    if (this.following >= MAX_FOLLOW_DEPTH) return;
    this.following++;
    for (let i = 0; i < funnels.length; i++) {
      const f = funnels[i]!;
      if (fates.nextStep(this.user.slot, f, this.utcSecond(this.t)) < 0) continue;
      const funnel = this.model.funnels[f]!;
      const gap = funnel.minutes(this.user.rng) * 60_000;
      const step = fates.nextStep(this.user.slot, f, this.utcSecond(this.t + gap));
      if (step < 0) continue;
      const ev = funnel.steps[step]!;
      this.prepare(ev);
      // A user fated to pay in a funnel pays, and is a payer from then on: the payer share is
      // tuned around the payments funnels make (see calibrate).
      const user = this.user;
      const wasPayer = user.payer;
      if (this.model.events[ev]!.payment) user.payer = true;
      if (!this.place(ev, gap, false, true)) user.payer = wasPayer;
    }
    this.following--;
  }

  /**
   * Does what a fated step needs first, as a user would: its missing prerequisites and the event
   * that enters its lifecycle stage (sign up to check out), each when allowed.
   */
  private prepare(ev: number): void {
    const model = this.model;
    const user = this.user;
    const e = model.events[ev]!;
    const pre = e.prerequisiteEvents;
    // The stage first: a prerequisite may itself need it (log in, which only members do).
    let stage = e.stage;
    for (let i = 0; i < pre.length; i++) if (!hasDone(user, e.prerequisites[i]!)) stage = Math.max(stage, model.events[pre[i]!]!.stage);
    if (stage > user.stage) {
      const entry = model.stageEntry[stage] ?? -1;
      if (entry >= 0) this.place(entry, 5_000 + 25_000 * user.rng.next(), false, true);
    }
    for (let i = 0; i < pre.length; i++) {
      if (hasDone(user, e.prerequisites[i]!)) continue;
      for (let k = 0; k < e.prerequisiteTimes[i]!; k++) this.place(pre[i]!, 5_000 + 25_000 * user.rng.next(), false, true);
    }
  }
}

function sessionEvents(model: CompiledModel, user: SimUser, rng: Rng, p: Placer, day: number, lengthMs: number, first: boolean): void {
  const seg = model.segments[user.segment]!;
  for (const ev of model.startEvents) p.place(ev, 0);
  p.resumeFunnels();
  for (const s of model.sequences) {
    const triggered = s.trigger === 'every_session' || (s.trigger === 'first_session' && first) || s.trigger === 'random';
    if (!triggered || rng.next() >= s.probability) continue;
    for (let i = 0; i < s.steps.length; i++) {
      if (i > 0 && rng.next() >= s.continueProbability) break;
      if (!p.place(s.steps[i]!, s.gapSeconds(rng) * 1000)) break;
    }
  }
  const n = Math.max(0, Math.round(seg.eventsPerSession(rng)));
  const gap = lengthMs / (n + 1);
  const table = model.randomTableByDay.get(day) ?? model.randomTable;
  // Funnels start at a random point among the session's other events; their later steps follow
  // from the user's fate (see FunnelFates).
  const funnels = model.funnels.length;
  if (scratch.funnelAt.length < funnels) scratch.funnelAt = new Int32Array(funnels);
  const funnelAt = scratch.funnelAt;
  for (let f = 0; f < funnels; f++) funnelAt[f] = rng.next() < model.funnels[f]!.entry ? rng.int(n + 1) : -1;
  for (let k = 0; k <= n; k++) {
    for (let f = 0; f < funnels; f++) if (funnelAt[f] === k) p.place(model.funnels[f]!.steps[0]!, gap * rng.next());
    if (k === n || model.randomEvents.length === 0) continue;
    for (let tries = 0; tries < 6; tries++) {
      const ev = model.randomEvents[table.pick(rng)]!;
      if (allowed(model, user, ev)) {
        p.place(ev, gap * (0.3 + 1.4 * rng.next()));
        break;
      }
    }
  }
  const remaining = p.start + lengthMs - p.t;
  for (const ev of model.endEvents) p.place(ev, Math.max(1000, remaining), true);
}

/** Working memory reused by every plan: planning allocated these per session before. */
const scratch = { starts: new Float64Array(MAX_SESSIONS), funnelAt: new Int32Array(8), placer: new Placer() };

/** Plans the user's day; null when the user is not active (or nothing fits in the day). */
export function planDay(model: CompiledModel, arena: DayArena, user: SimUser, day: number, dayLocalMs: number, offsetMin: number, fates: FunnelFates | null = null): DayPlan | null {
  if (day < user.installDay || !decideActive(model, user, day)) return null;
  // Before the range only the first sessions shape state that gates later events (onboarding,
  // registration, first purchases); later history days need only their activity draw.
  if (day < 0 && user.sessions >= HISTORY_SESSIONS) return null;
  const rng = user.rng;
  const seg = model.segments[user.segment]!;
  const plan: DayPlan = { user, day, dayLocalMs, offsetMin, arena, first: arena.count, count: 0, firstSession: arena.sessions, sessions: 0, pos: 0, heads: null, identityRegistered: false, presets: null };
  const k = Math.min(MAX_SESSIONS, Math.max(1, Math.round(seg.sessionsPerDay(rng))));
  const starts = scratch.starts;
  for (let i = 0; i < k; i++) {
    // Drawn in this order and kept sorted as they come (at most MAX_SESSIONS of them).
    const s = seg.hours.pick(rng) * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    let j = i;
    for (; j > 0 && starts[j - 1]! > s; j--) starts[j] = starts[j - 1]!;
    starts[j] = s;
  }
  let prevEnd = -1;
  for (let i = 0; i < k; i++) {
    let start = starts[i]!;
    if (prevEnd >= 0) start = Math.max(start, prevEnd + Math.max(60_000, Math.round(seg.gapMinutes(rng) * 60_000)));
    if (start >= DAY_END - 1000) break;
    const lengthMs = Math.max(5_000, seg.sessionMinutes(rng) * 60_000);
    const first = user.sessions === 0;
    if (first && day === user.installDay) user.installLocalMs = dayLocalMs + start;
    const index = plan.sessions;
    const before = plan.count;
    const placer = scratch.placer.begin(plan, model, user, index, start - 1, fates);
    sessionEvents(model, user, rng, placer, day, lengthMs, first);
    if (plan.count === before) break;
    const end = Math.min(DAY_END, Math.max(placer.t, start + lengthMs));
    arena.addSession(dayLocalMs + start, dayLocalMs + end);
    plan.sessions++;
    user.sessions++;
    prevEnd = end;
    if (placer.stopped) break;
  }
  return plan.count > 0 ? plan : null;
}
