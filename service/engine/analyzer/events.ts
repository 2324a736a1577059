/**
 * Event rules, lifecycle stages, identity and ordered sequences from the taxonomy's events:
 * install/register/tutorial come first and once; login before purchase; add_to_cart before
 * checkout before payment; `X_start` before `X_complete`; `tutorial_step1..3` in order.
 */
import type { EventDef, Taxonomy } from '../../../taxonomy/model.ts';
import type { RulesInput } from '../rules/schema.ts';
import { ACCOUNT_FIRST_GUEST_ROLES, GUEST_ROLES, ONCE_ROLES, PUBLIC_PAGE, ROLE_WEIGHT, roleOf, type EventRole } from './event-roles.ts';
import { detectIndustry, type Industry } from './industry.ts';
import { ITEM_ID } from './property-names.ts';

type EventRuleInput = RulesInput['events'][number];
type SequenceInput = NonNullable<RulesInput['sequences']>[number];

export interface EventPlan {
  roles: Map<string, EventRole>;
  events: EventRuleInput[];
  lifecycle: RulesInput['lifecycle'];
  registerEvent: string | undefined;
  sequences: SequenceInput[];
  payments: string[];
  /** Step properties that count a stepped tutorial event's steps (step_index 1, 2, 3 …). */
  stepCounters: { event: string; property: string; start: number }[];
}

const NAME_OK = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
/** A property saying which step of a repeated event this is (tutorial_step's step_index). */
const STEP_PROPERTY = /^(step|step_id|step_no|step_index|stage|index|progress)$/i;

export function planEvents(t: Taxonomy, industry: Industry = detectIndustry(t)): EventPlan {
  const defs = uniqueEvents(t.events);
  const roles = new Map(defs.map((e) => [e.name, roleOf(e)] as const));
  const byRole = (role: EventRole) => defs.filter((e) => roles.get(e.name) === role).map((e) => e.name);
  const first = (role: EventRole) => byRole(role)[0];

  const registerEvent = first('register');
  const login = first('login');
  const found = findSequences(defs.map((e) => e.name));
  const { sequences, stepCounters } = expandSteppedOnboarding(t, defs, roles, found);
  const stepsOnly = new Set(stepCounters.map((c) => c.event));
  const inFirstSession = new Set(sequences.filter((s) => s.trigger === 'first_session').flatMap((s) => s.steps));

  const prereqs = new Map<string, string[]>(defs.map((e) => [e.name, []]));
  const add = (event: string, before: string | undefined) => {
    if (before && before !== event && prereqs.has(event) && !prereqs.get(event)!.includes(before)) prereqs.get(event)!.push(before);
  };
  const views = byRole('view').filter((n) => /item|product|goods|detail/.test(n));
  for (const e of byRole('add_to_cart')) add(e, views[0]);
  for (const e of byRole('checkout')) add(e, first('add_to_cart'));
  for (const e of byRole('payment')) {
    add(e, first('checkout') ?? undefined);
    add(e, login ?? registerEvent);
  }
  // A payment fails at checkout, an order is cancelled after it was paid, an item leaves the cart it was put in.
  for (const e of byRole('payment_failed')) add(e, first('checkout') ?? first('payment'));
  for (const e of byRole('order_undone')) add(e, first('payment'));
  for (const e of byRole('cart_remove')) add(e, first('add_to_cart'));
  // A product review is written by someone who bought it.
  const bought = first('payment');
  for (const e of defs) if (bought && REVIEW.test(e.name) && e.properties.some((p) => ITEM_ID.test(p))) add(e.name, bought);
  for (const e of byRole('logout')) add(e, login);
  for (const [start, ends] of startEndPairs(defs.map((e) => e.name))) for (const end of ends) add(end, start);
  for (const s of sequences) s.steps.forEach((step, i) => i > 0 && step !== s.steps[i - 1] && add(step, s.steps[i - 1]));
  removeCycles(prereqs);

  const payments = byRole('payment');
  const events: EventRuleInput[] = defs.map((e) => {
    const role = roles.get(e.name)!;
    // An install is the first thing a user's first session does (once, so never again).
    const placement = role === 'session_start' || role === 'install' || (role === 'login' && registerEvent !== e.name) ? 'session_start' : role === 'session_end' ? 'session_end' : 'anywhere';
    // An onboarding event that reports which step it is (tutorial_step + step) repeats per step.
    const stepped = e.properties.some((p) => STEP_PROPERTY.test(p));
    const once = !stepped && (ONCE_ROLES.has(role) || (inFirstSession.has(e.name) && role !== 'session_start'));
    return {
      event: e.name,
      // A tutorial's steps happen in its sequence, in order, and nowhere else.
      // A pricing page is looked at now and then, not like the screens a product is used through.
      weight: stepsOnly.has(e.name) ? 0 : role === 'view' && PRICING_PAGE.test(e.name) ? PRICING_PAGE_WEIGHT : ROLE_WEIGHT[role],
      placement,
      oncePerUser: once,
      prerequisites: prereqs.get(e.name) ?? [],
      payment: role === 'payment',
    };
  });

  const accountFirst = industry === 'saas' || industry === 'finance';
  const mayGuest = (name: string) => {
    const role = roles.get(name)!;
    return accountFirst ? ACCOUNT_FIRST_GUEST_ROLES.has(role) || (role === 'view' && PUBLIC_PAGE.test(name)) : GUEST_ROLES.has(role);
  };
  const lifecycle = planLifecycle(defs, mayGuest, registerEvent, prereqs);
  return { roles, events, lifecycle, registerEvent, sequences, payments, stepCounters };
}

const REVIEW = /(^|_)(review|rating)(_(write|written|post|posted|submit|submitted|create|created))?$|^(write|post|submit)_(review|rating)$/;
const PRICING_PAGE = /(^|_)(pricing|plans?|billing)(_page)?_view$|^view_(pricing|plans?)(_page)?$/;
const PRICING_PAGE_WEIGHT = 0.3;

/** At most this many repeats of one stepped event in a sequence. */
const MAX_STEPS = 20;

/**
 * A tutorial event that reports which step it finished (tutorial_step with step_index 1-8) is
 * that many steps of the tutorial, in order, between its start and its end: the sequence repeats
 * it once per step, its step property counts them, and the chance of finishing the whole
 * sequence stays what it was with fewer steps.
 */
function expandSteppedOnboarding(t: Taxonomy, defs: EventDef[], roles: Map<string, EventRole>, found: SequenceInput[]): { sequences: SequenceInput[]; stepCounters: EventPlan['stepCounters'] } {
  const sequences = found.map((s) => ({ ...s, steps: [...s.steps] }));
  const stepCounters: EventPlan['stepCounters'] = [];
  for (const e of defs) {
    if (roles.get(e.name) !== 'onboarding' || sequences.some((s) => s.steps.includes(e.name))) continue;
    const property = e.properties.find((p) => STEP_PROPERTY.test(p));
    const def = t.eventProperties.find((p) => p.name === property);
    const range = def?.type === 'number' && def.allowed?.kind === 'range' ? def.allowed : undefined;
    if (!property || !range || !Number.isInteger(range.min) || range.max < range.min || range.max - range.min + 1 > MAX_STEPS) continue;
    const count = range.max - range.min + 1;
    const stem = e.name.replace(/_?(step|stage|part|phase)s?(_.*)?$/i, '');
    const host = sequences.find((s) => s.trigger === 'first_session' && s.name === stem);
    const repeats = Array.from({ length: count }, () => e.name);
    if (host) {
      const before = host.steps.length;
      // Between the start and the end: after the first step when there is an end, else at the end.
      host.steps = before >= 2 ? [host.steps[0]!, ...repeats, ...host.steps.slice(1)] : [...host.steps, ...repeats];
      host.continueProbability = Math.pow(host.continueProbability ?? 1, (before - 1) / (host.steps.length - 1));
    } else {
      sequences.push({ ...sequence(stem || e.name, repeats), trigger: 'first_session' });
    }
    stepCounters.push({ event: e.name, property, start: range.min });
  }
  return { sequences, stepCounters };
}

/** Names are unique in a valid taxonomy; drop repeats and names TE would reject so rules stay clean. */
function uniqueEvents(events: readonly EventDef[]): EventDef[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (!NAME_OK.test(e.name) || seen.has(e.name)) return false;
    seen.add(e.name);
    return true;
  });
}

/**
 * Guests may browse; everything else waits for registration, as real apps gate it. An event's
 * prerequisites must be reachable in its stage or earlier, so gated events pull nothing forward.
 */
function planLifecycle(defs: EventDef[], mayGuest: (event: string) => boolean, registerEvent: string | undefined, prereqs: Map<string, string[]>): RulesInput['lifecycle'] {
  const all = defs.map((e) => e.name);
  if (!registerEvent) return [{ name: 'user', allowEvents: all }];
  const guest = new Set(all.filter(mayGuest));
  // A guest event whose prerequisite is gated would never happen as a guest: gate it as well.
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of guest) {
      if ((prereqs.get(n) ?? []).some((p) => !guest.has(p))) {
        guest.delete(n);
        changed = true;
      }
    }
  }
  guest.add(registerEvent);
  return [
    { name: 'guest', allowEvents: all.filter((n) => guest.has(n)) },
    { name: 'registered', enterOn: registerEvent, allowEvents: all.filter((n) => !guest.has(n)) },
  ];
}

const SEQ = /^(.*?)(\d+)$/;
const FIRST_SESSION = /tutorial|onboard|guide|newbie|intro|welcome|walkthrough|튜토리얼|チュートリアル/i;

/** Groups like tutorial_step1..3 (with tutorial_start/complete around them) become ordered sequences. */
export function findSequences(names: readonly string[]): SequenceInput[] {
  const groups = new Map<string, { n: number; name: string }[]>();
  for (const name of names) {
    const m = SEQ.exec(name);
    if (!m || !m[1]) continue;
    const prefix = m[1];
    const list = groups.get(prefix) ?? [];
    list.push({ n: Number(m[2]), name });
    groups.set(prefix, list);
  }
  const out: SequenceInput[] = [];
  const used = new Set<string>();
  for (const [prefix, members] of groups) {
    if (members.length < 2) continue;
    const stem = prefix.replace(/_?(step|stage|part|phase|chapter|lv|level)?_?$/i, '');
    const steps = members.sort((a, b) => a.n - b.n).map((m) => m.name);
    const start = names.find((n) => n === `${stem}_start` || n === `${stem}_begin`);
    const end = names.find((n) => new RegExp(`^${escape(stem)}_(complete|completed|finish|finished|end|done|clear)$`).test(n));
    const all = [...(start ? [start] : []), ...steps, ...(end ? [end] : [])];
    all.forEach((s) => used.add(s));
    out.push(sequence(stem || prefix, all));
  }
  // Tutorials without numbers: tutorial_start → tutorial_complete.
  for (const [start, ends] of startEndPairs(names)) {
    if (used.has(start) || !FIRST_SESSION.test(start)) continue;
    const end = ends.find((e) => !/fail|skip/.test(e));
    if (end && !used.has(end)) out.push(sequence(start.replace(/_(start|begin)$/, ''), [start, end]));
  }
  return out;
}

function sequence(stem: string, steps: string[]): SequenceInput {
  const onboarding = FIRST_SESSION.test(stem);
  return {
    name: stem,
    steps,
    trigger: onboarding ? 'first_session' : 'random',
    probability: onboarding ? 0.95 : 0.3,
    continueProbability: onboarding ? 0.9 : 0.8,
    gapSeconds: { kind: 'lognormal', median: onboarding ? 25 : 60, sigma: 0.6, min: 2, max: 900 },
  };
}

/** `X_start` with its `X_complete`, `X_end`, `X_fail` … partners. */
function startEndPairs(names: readonly string[]): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  for (const start of names) {
    const m = /^(.+)_(start|begin|accept|enter)$/.exec(start);
    if (!m) continue;
    const re = new RegExp(`^${escape(m[1]!)}_(complete|completed|finish|finished|end|done|clear|cleared|fail|failed|win|lose|exit|result|skip)$`);
    const ends = names.filter((n) => re.test(n));
    if (ends.length > 0) pairs.set(start, ends);
  }
  return pairs;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Name-derived prerequisites can, in odd taxonomies, loop; drop the edge that closes a loop. */
function removeCycles(prereqs: Map<string, string[]>): void {
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (prereqs.get(from) ?? []).some((p) => reaches(p, target, seen));
  };
  for (const [event, list] of prereqs) {
    for (const p of [...list]) {
      if (reaches(p, event)) list.splice(list.indexOf(p), 1);
    }
  }
}
