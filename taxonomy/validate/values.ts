/** Allowed values: ranges that make sense, weights that can be drawn, values of the property's type. */
import type { AllowedValues, PropertyType, Taxonomy } from '../model.ts';
import type { IssueSink } from './issue.ts';

function scalarsOf(allowed: AllowedValues): unknown[] {
  if (allowed.kind === 'list') return allowed.values;
  if (allowed.kind === 'weighted') return allowed.values.map((v) => v.value);
  return [];
}

function checkAllowed(name: string, type: PropertyType, allowed: AllowedValues, path: string, sink: IssueSink): void {
  if (type === 'object' || type === 'object_group') {
    sink('warning', 'allowed.ignored', path, `"${name}" is an ${type.replace('_', ' ')}, whose values come from its children: move the allowed values to the child rows.`);
    return;
  }
  if (allowed.kind === 'range') {
    if (!Number.isFinite(allowed.min) || !Number.isFinite(allowed.max)) sink('error', 'allowed.range_invalid', path, `The range of "${name}" needs finite numbers: write it as min..max, e.g. 1..100.`);
    else if (allowed.min > allowed.max) sink('error', 'allowed.range_inverted', path, `The range of "${name}" starts above its end (${allowed.min} > ${allowed.max}): swap them to ${allowed.max}..${allowed.min}.`);
    if (type !== 'number') sink('error', 'allowed.type_mismatch', path, `"${name}" is ${type} but its allowed values are a number range: make it a number, or list the allowed values.`);
    return;
  }
  if (allowed.kind === 'weighted') {
    if (allowed.values.some((v) => !Number.isFinite(v.weight) || v.weight < 0)) sink('error', 'allowed.weight_negative', path, `"${name}" has a negative weight: weights are relative shares, write 0 or more.`);
    else if (allowed.values.every((v) => v.weight === 0)) sink('error', 'allowed.weights_zero', path, `Every weight of "${name}" is 0, so no value can be drawn: give at least one value a positive weight.`);
  }
  const values = scalarsOf(allowed);
  const expected = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  const wrong = values.find((v) => typeof v !== expected);
  if (wrong !== undefined) {
    const hint = expected === 'string' ? 'put quotes around values that must stay text, e.g. "1"' : `write ${expected} values only`;
    sink('error', 'allowed.type_mismatch', path, `"${name}" is ${type} but its allowed values include ${JSON.stringify(wrong)}, which would be sent as another type and dropped by ThinkingEngine's type lock: ${hint}.`);
  }
  const seen = new Set<string>();
  for (const v of values) {
    const key = `${typeof v}:${String(v)}`;
    if (seen.has(key)) {
      sink('warning', 'allowed.repeated', path, `${JSON.stringify(v)} is listed twice in the allowed values of "${name}": list each value once (use weights to favour one).`);
      break;
    }
    seen.add(key);
  }
}

export function checkValues(t: Taxonomy, sink: IssueSink): void {
  for (const section of ['eventProperties', 'commonProperties', 'userProperties'] as const) {
    t[section].forEach((p, i) => {
      if (p.allowed) checkAllowed(p.name, p.type, p.allowed, `${section}[${i}].allowed`, sink);
    });
  }
}
