/** Funnel rules and targets from the taxonomy's Funnels sheet. */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import type { RulesInput } from '../rules/schema.ts';

type FunnelInput = NonNullable<RulesInput['funnels']>[number];
type FunnelTarget = NonNullable<NonNullable<RulesInput['targets']>['funnels']>[number];

/** Without a stated target, each step keeps a bit less of the previous one, as real funnels do. */
const DEFAULT_CONVERSION = [1, 0.55, 0.45, 0.4, 0.35, 0.3];

export function planFunnels(t: Taxonomy, entryPerSession: number): { funnels: FunnelInput[]; targets: FunnelTarget[] } {
  const events = new Set(t.events.map((e) => e.name));
  const funnels: FunnelInput[] = [];
  const targets: FunnelTarget[] = [];
  const names = new Set<string>();
  for (const f of t.funnels) {
    if (f.steps.length < 2 || names.has(f.name) || !f.name || !f.steps.every((s) => events.has(s))) continue;
    // A funnel that repeats an event would never progress past the repeat.
    if (new Set(f.steps).size !== f.steps.length) continue;
    names.add(f.name);
    const stated = f.steps.map((_, i) => (i === 0 ? null : (f.stepConversion[i] ?? null)));
    const conversion = stated.map((c, i) => (i === 0 ? 1 : c ?? DEFAULT_CONVERSION[Math.min(i, DEFAULT_CONVERSION.length - 1)]!));
    funnels.push({
      funnel: f.name,
      steps: [...f.steps],
      entryPerSession,
      stepConversion: conversion,
      minutesToConvert: { kind: 'lognormal', median: Math.max(0.5, Math.min(30, (f.windowHours * 60) / 200)), sigma: 0.9, min: 0.1, max: f.windowHours * 60 },
      windowHours: f.windowHours,
    });
    if (stated.some((c) => c !== null)) targets.push({ funnel: f.name, stepConversion: stated });
  }
  return { funnels, targets };
}

/** event → the funnel steps directly before it; used to carry values along a funnel. */
export function funnelPredecessors(funnels: readonly FunnelInput[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of funnels) {
    f.steps.forEach((step, i) => {
      if (i === 0) return;
      const list = out.get(step) ?? [];
      const prev = f.steps[i - 1]!;
      if (!list.includes(prev)) list.push(prev);
      out.set(step, list);
    });
  }
  return out;
}
