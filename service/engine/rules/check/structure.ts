/** Checks of the rules' own structure: events, lifecycle, sequences, funnels, mixes and timeline. */
import { type Distribution, type Rules } from '../schema.ts';
import { checkWeights } from './generators.ts';
import { hint, type IssueList } from './issues.ts';
import type { TaxonomyIndex } from './index-taxonomy.ts';

export function checkEventName(name: string, path: string, index: TaxonomyIndex, issues: IssueList): boolean {
  if (index.eventSet.has(name)) return true;
  issues.error(path, 'event.unknown', `Event "${name}" is not in the taxonomy's Events sheet.${hint(name, index.events)}`);
  return false;
}

export function checkEvents(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const seen = new Set<string>();
  const emitted = new Set(rules.events.map((e) => e.event));
  rules.events.forEach((e, i) => {
    const path = `events[${i}]`;
    checkEventName(e.event, `${path}.event`, index, issues);
    if (seen.has(e.event)) issues.error(`${path}.event`, 'event.duplicate', `Event "${e.event}" has more than one rule; merge them into one.`);
    seen.add(e.event);
    e.prerequisites.forEach((p, j) => {
      const at = `${path}.prerequisites[${j}]`;
      if (!checkEventName(p, at, index, issues)) return;
      if (p === e.event) issues.error(at, 'prerequisite.self', `Event "${e.event}" cannot be its own prerequisite; remove it.`);
      else if (!emitted.has(p)) issues.error(at, 'prerequisite.never', `Prerequisite "${p}" has no entry in events[], so it never happens and "${e.event}" could never occur; add a rule for "${p}" or drop the prerequisite.`);
    });
  });
  const cycle = findCycle(rules);
  if (cycle) issues.error(`events[${cycle.index}].prerequisites`, 'prerequisite.cycle', `Prerequisites form a cycle (${cycle.names.join(' → ')}), so none of these events can ever happen; break the cycle.`);
  if (rules.events.length > 0) checkWeights(rules.events.map((e) => e.weight), 'events', issues);
  for (const name of index.events) {
    if (!seen.has(name)) issues.warn('events', 'event.missing', `Taxonomy event "${name}" has no rule in events[], so it is never generated; add it with a weight.`);
  }
  const payments = rules.events.filter((e) => e.payment);
  if (rules.segments.some((s) => s.payer > 0) && payments.length === 0 && index.events.length > 0) {
    issues.warn('events', 'payment.none', 'Some segments have payers, but no event is marked "payment": true, so nobody will ever pay.');
  }
}

function findCycle(rules: Rules): { index: number; names: string[] } | undefined {
  const prereq = new Map(rules.events.map((e) => [e.event, e.prerequisites]));
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 2) return undefined;
    if (state.get(name) === 1) return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 1);
    stack.push(name);
    for (const p of prereq.get(name) ?? []) {
      if (p === name) continue;
      const found = visit(p);
      if (found) return found;
    }
    stack.pop();
    state.set(name, 2);
    return undefined;
  };
  for (const [i, e] of rules.events.entries()) {
    const names = visit(e.event);
    if (names) return { index: i, names };
  }
  return undefined;
}

export function checkLifecycle(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const firstAllowed = new Map<string, number>();
  const names = new Set<string>();
  rules.lifecycle.forEach((stage, i) => {
    const path = `lifecycle[${i}]`;
    if (names.has(stage.name)) issues.error(`${path}.name`, 'stage.duplicate', `Stage name "${stage.name}" is used twice; stage names must be unique.`);
    names.add(stage.name);
    stage.allowEvents.forEach((e, j) => {
      if (checkEventName(e, `${path}.allowEvents[${j}]`, index, issues) && !firstAllowed.has(e)) firstAllowed.set(e, i);
    });
  });
  rules.lifecycle.forEach((stage, i) => {
    const path = `lifecycle[${i}].enterOn`;
    if (i === 0) {
      if (stage.enterOn) issues.warn(path, 'stage.first_enter', `The first stage "${stage.name}" is where every user starts; its enterOn "${stage.enterOn}" is ignored.`);
      return;
    }
    if (!stage.enterOn) {
      issues.error(path, 'stage.unreachable', `Stage "${stage.name}" has no enterOn event, so no user can ever reach it; name the event that moves users into it.`);
      return;
    }
    if (!checkEventName(stage.enterOn, path, index, issues)) return;
    const allowedAt = firstAllowed.get(stage.enterOn) ?? 0;
    if (allowedAt >= i) {
      issues.error(path, 'stage.unreachable', `Stage "${stage.name}" is entered on "${stage.enterOn}", but that event is only allowed from stage "${rules.lifecycle[allowedAt]!.name}" on; allow it in an earlier stage.`);
    }
  });
  if (rules.identity.registerEvent) checkEventName(rules.identity.registerEvent, 'identity.registerEvent', index, issues);
}

export function checkSequences(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const names = new Set<string>();
  rules.sequences.forEach((s, i) => {
    const path = `sequences[${i}]`;
    if (names.has(s.name)) issues.warn(`${path}.name`, 'sequence.duplicate', `Sequence name "${s.name}" is used twice.`);
    names.add(s.name);
    s.steps.forEach((e, j) => checkEventName(e, `${path}.steps[${j}]`, index, issues));
    checkDistribution(s.gapSeconds, `${path}.gapSeconds`, issues);
    if (s.trigger === 'first_session') checkFirstSessionGates(rules, s.steps, path, issues);
  });
}

/** A new user starts in the first stage; a first-session step gated behind a later stage cannot run. */
function checkFirstSessionGates(rules: Rules, steps: readonly string[], path: string, issues: IssueList): void {
  const stageOf = new Map<string, number>();
  rules.lifecycle.forEach((stage, i) => stage.allowEvents.forEach((e) => stageOf.has(e) || stageOf.set(e, i)));
  let reached = 0;
  steps.forEach((step, j) => {
    const needed = stageOf.get(step) ?? 0;
    if (needed > reached) {
      issues.warn(
        `${path}.steps[${j}]`,
        'sequence.gated',
        `This first-session sequence reaches "${step}", which is only allowed from stage "${rules.lifecycle[needed]!.name}", and no earlier step enters that stage, so the sequence stops there; allow "${step}" in an earlier stage or put the stage's enterOn event before it.`,
      );
    }
    rules.lifecycle.forEach((stage, k) => {
      if (stage.enterOn === step && k > reached) reached = k;
    });
  });
}

export function checkFunnels(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  rules.funnels.forEach((f, i) => {
    const path = `funnels[${i}]`;
    if (!index.funnels.includes(f.funnel)) {
      issues.warn(`${path}.funnel`, 'funnel.not_in_taxonomy', `Funnel "${f.funnel}" is not on the taxonomy's Funnels sheet, so it has no stated targets.${hint(f.funnel, index.funnels)}`);
    }
    f.steps.forEach((e, j) => checkEventName(e, `${path}.steps[${j}]`, index, issues));
    if (f.stepConversion.length !== f.steps.length) {
      issues.error(`${path}.stepConversion`, 'funnel.conversion_length', `stepConversion has ${f.stepConversion.length} entries but the funnel has ${f.steps.length} steps; give one per step (the first is 1).`);
    } else if (f.stepConversion[0] !== 1) {
      issues.warn(`${path}.stepConversion[0]`, 'funnel.first_step', 'The first step has no previous step, so its conversion should be 1.');
    }
    checkDistribution(f.minutesToConvert, `${path}.minutesToConvert`, issues);
  });
  const known = new Set([...index.funnels, ...rules.funnels.map((f) => f.funnel)]);
  rules.targets.funnels.forEach((t, i) => {
    const path = `targets.funnels[${i}]`;
    if (!known.has(t.funnel)) issues.error(`${path}.funnel`, 'funnel.unknown', `Target funnel "${t.funnel}" is neither on the Funnels sheet nor in funnels[].${hint(t.funnel, [...known])}`);
    const rule = rules.funnels.find((f) => f.funnel === t.funnel);
    if (rule && t.stepConversion.length !== rule.steps.length) {
      issues.error(`${path}.stepConversion`, 'funnel.conversion_length', `Target has ${t.stepConversion.length} step conversions but funnel "${t.funnel}" has ${rule.steps.length} steps.`);
    }
  });
}

export function checkMixes(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const segNames = new Set<string>();
  rules.segments.forEach((s, i) => {
    const path = `segments[${i}]`;
    if (segNames.has(s.name)) issues.error(`${path}.name`, 'segment.duplicate', `Segment name "${s.name}" is used twice; segment names must be unique.`);
    segNames.add(s.name);
    if (s.activity.floor > s.activity.day1) issues.warn(`${path}.activity.floor`, 'activity.floor_above_day1', `floor ${s.activity.floor} is above day1 ${s.activity.day1}, so activity would grow with age; floor is normally lower.`);
    checkDistribution(s.sessionsPerDay, `${path}.sessionsPerDay`, issues);
    checkDistribution(s.sessionMinutes, `${path}.sessionMinutes`, issues);
    checkDistribution(s.gapMinutes, `${path}.gapMinutes`, issues);
    checkDistribution(s.eventsPerSession, `${path}.eventsPerSession`, issues);
    if (s.hourOfDay) checkWeights(s.hourOfDay, `${path}.hourOfDay`, issues);
  });
  checkWeights(rules.segments.map((s) => s.share), 'segments', issues);
  checkWeights(rules.hourOfDay, 'hourOfDay', issues);
  checkWeights(rules.dayOfWeek, 'dayOfWeek', issues);
  checkWeights(rules.countries.map((c) => c.share), 'countries', issues);
  checkWeights(rules.platforms.map((p) => p.share), 'platforms', issues);
  if (rules.channels.length > 0) checkWeights(rules.channels.map((c) => c.share), 'channels', issues);
  rules.countries.forEach((c, i) => {
    if (c.country !== c.country.toUpperCase()) issues.error(`countries[${i}].country`, 'country.case', `Country codes are upper case ISO 3166-1 alpha-2: write "${c.country.toUpperCase()}".`);
    if (c.timeZone && !isZone(c.timeZone)) issues.error(`countries[${i}].timeZone`, 'country.zone', `"${c.timeZone}" is not an IANA time zone (e.g. "Asia/Seoul"); leave it empty for the country's main zone.`);
  });
  const platforms = new Set<string>();
  rules.platforms.forEach((p, i) => {
    if (platforms.has(p.platform)) issues.warn(`platforms[${i}].platform`, 'platform.duplicate', `Platform "${p.platform}" is listed twice.`);
    platforms.add(p.platform);
  });
  rules.devices.forEach((d, i) => {
    if (!platforms.has(d.platform)) issues.warn(`devices[${i}].platform`, 'device.platform_unused', `Device "${d.model}" is for ${d.platform}, which is not in platforms[], so it is never used.`);
    if (d.screen !== undefined && !/^\d+x\d+$/.test(d.screen)) issues.error(`devices[${i}].screen`, 'device.screen', `Screen "${d.screen}" must be WIDTHxHEIGHT in pixels, e.g. "1170x2532".`);
  });
  const versions = new Set<string>();
  rules.releases.forEach((r, i) => {
    if (versions.has(r.version)) issues.error(`releases[${i}].version`, 'release.duplicate', `Version "${r.version}" is released twice; each release needs its own version.`);
    versions.add(r.version);
  });
  rules.timeline.forEach((t, i) => {
    const path = `timeline[${i}]`;
    if (t.fromDay > t.toDay) issues.error(`${path}.toDay`, 'timeline.inverted', `toDay ${t.toDay} is before fromDay ${t.fromDay}; the range is inclusive, so swap them.`);
    t.events.forEach((e, j) => checkEventName(e.event, `${path}.events[${j}].event`, index, issues));
  });
  const { d1, d7, d30 } = rules.targets;
  if (d1 !== undefined && d7 !== undefined && d7 > d1) issues.warn('targets.d7', 'targets.retention_order', `D7 retention ${d7} is above D1 ${d1}; retention normally falls with time.`);
  if (d7 !== undefined && d30 !== undefined && d30 > d7) issues.warn('targets.d30', 'targets.retention_order', `D30 retention ${d30} is above D7 ${d7}; retention normally falls with time.`);
}

export function checkDistribution(d: Distribution, path: string, issues: IssueList): void {
  const bounds = 'min' in d && 'max' in d ? [d.min, d.max] : [undefined, undefined];
  const [min, max] = bounds;
  if (min !== undefined && max !== undefined && min > max) issues.error(`${path}.max`, 'distribution.inverted', `max ${max} is below min ${min}; swap them.`);
  if (d.kind === 'lognormal' && d.max !== undefined && d.max < d.median) issues.warn(`${path}.max`, 'distribution.clamped', `max ${d.max} is below the median ${d.median}, so most draws are clamped to max.`);
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
