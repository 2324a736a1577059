/**
 * Good rules from the taxonomy alone, with no AI: industry presets for who the users are and when
 * they come, then everything the names, categories, funnels, property types and the scenario text
 * say. Deterministic: the same taxonomy always gives the same rules.
 */
import { TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';
import { countryPreset } from '../presets/index.ts';
import { RulesSchema, type Rules, type RulesInput, type ValueGenerator } from '../rules/schema.ts';
import { planEvents } from './events.ts';
import { funnelPredecessors, planFunnels } from './funnels.ts';
import { detectIndustry, industryPreset, scalePayers } from './industry.ts';
import { mainCurrency, planChannels, planCountries, planPlatforms, planReleases } from './market.ts';
import { planProperties } from './properties.ts';
import { compareVersions, planScenario } from './scenario.ts';
import { planUserProperties } from './user-updates.ts';
import { generatorForAllowed, generatorForName, type NamingContext } from './property-names.ts';

const DEFAULT_DAYS = 30;
const REVENUE = [/^revenue$/, /^(pay_|payment_|order_|paid_|purchase_)?amount$/, /^total(_price|_amount)?$/, /^(unit_)?price$/, /(amount|revenue|price)$/];

export function analyzeOffline(input: Taxonomy): Rules {
  const t = TaxonomySchema.parse(input);
  const industry = detectIndustry(t);
  const preset = industryPreset(industry);
  const days = t.product.days ?? DEFAULT_DAYS;

  const countries = planCountries(t);
  const currency = mainCurrency(countries);
  const naming: NamingContext = {
    industry,
    countries: countries.map((c) => c.country),
    currencies: countries.map((c) => countryPreset(c.country)?.currency ?? currency),
    mainCurrency: currency,
    perUsd: countryPreset([...countries].sort((a, b) => b.share - a.share)[0]?.country ?? 'US')?.perUsd ?? 1,
    priceUsd: preset.priceUsd,
  };

  const plan = planEvents(t, industry);
  const { funnels, targets: funnelTargets } = planFunnels(t, preset.funnelEntry);
  const predecessors = funnelPredecessors(funnels);
  for (const e of plan.events) {
    for (const p of e.prerequisites ?? []) {
      const list = predecessors.get(e.event) ?? [];
      if (!list.includes(p)) list.push(p);
      predecessors.set(e.event, list);
    }
  }
  const levelUpEvents = [...plan.roles].filter(([, r]) => r === 'level_up').map(([n]) => n);
  const counted = new Set(plan.stepCounters.map((c) => `${c.event}|${c.property}`));
  const properties = [
    ...planProperties({ taxonomy: t, naming, predecessors, levelUpEvents }).filter((p) => !counted.has(`${p.event ?? ''}|${p.property}`)),
    ...plan.stepCounters.map((c) => ({ property: c.property, event: c.event, value: { kind: 'counter' as const, start: c.start } })),
  ];
  const revenueProperty = findRevenueProperty(t, plan.payments);
  const users = planUserProperties({ taxonomy: t, roles: plan.roles, registerEvent: plan.registerEvent, revenueProperty, naming });
  // An event that sets the user property of its name reports a new value, and so do the events
  // it copies that value from (the plan a trial is for, carried to checkout and subscription): they
  // draw it from the workbook's values instead of reading the profile's old one back. Every other
  // event carrying it reports the profile's (the guild a boss attack is for is the user's guild).
  for (const u of users.userUpdates) {
    if (u.value.kind !== 'event_property' || u.value.property !== u.property) continue;
    const own = ownGenerator(t, u.property, naming);
    if (!own) continue;
    const seen = new Set<string>();
    for (let at = u.event; !seen.has(at); ) {
      seen.add(at);
      const rule = properties.find((p) => p.event === at && p.property === u.property);
      if (rule?.value.kind === 'copy') {
        at = rule.value.fromEvent;
        continue;
      }
      // `at` is where the value is first drawn.
      if (!rule) properties.push({ property: u.property, event: at, value: own });
      else if (rule.value.kind === 'user_property' && rule.value.property === u.property && !rule.value.add) rule.value = own;
      break;
    }
  }

  const train = planReleases(days);
  const shopping = [...plan.roles].filter(([, r]) => r === 'add_to_cart' || r === 'checkout').map(([n]) => n);
  const scenario = planScenario(t.product.scenario, { days, payments: plan.payments, shopping, ...(t.product.startDate ? { startDate: t.product.startDate } : {}) }, train.filter((r) => r.day < 0).at(-1)?.version ?? '1.0.0');
  const releases = scenario.releases.length > 0 ? [...train.filter((r) => r.day < 0), ...scenario.releases] : train;
  releases.sort((a, b) => a.day - b.day || compareVersions(a.version, b.version));

  const targets = t.product.targets;
  const rules: RulesInput = {
    version: 1,
    // Without a payment event nobody can pay, so no segment claims payers.
    segments: plan.payments.length > 0 ? scalePayers(preset.segments, targets.payerRate) : preset.segments.map((s) => ({ ...s, payer: 0 })),
    lifecycle: plan.lifecycle,
    identity: plan.registerEvent ? { registerEvent: plan.registerEvent } : {},
    events: plan.events,
    sequences: plan.sequences,
    funnels,
    properties,
    userUpdates: users.userUpdates,
    initialUserProperties: users.initialUserProperties,
    monetization: { ...(revenueProperty ? { revenueProperty } : {}), currency },
    hourOfDay: preset.hourOfDay,
    dayOfWeek: preset.dayOfWeek,
    acquisition: { newUserShareOfDau: preset.newUserShareOfDau, trendPerDay: 0, historyDays: preset.historyDays },
    countries,
    platforms: planPlatforms(t, industry, countries),
    devices: [],
    channels: planChannels(countries),
    releases,
    timeline: scenario.timeline,
    targets: {
      ...(t.product.targetDau ? { dau: t.product.targetDau } : {}),
      ...(targets.d1 !== undefined ? { d1: targets.d1 } : {}),
      ...(targets.d7 !== undefined ? { d7: targets.d7 } : {}),
      ...(targets.d30 !== undefined ? { d30: targets.d30 } : {}),
      ...(targets.payerRate !== undefined ? { payerRate: targets.payerRate } : {}),
      funnels: funnelTargets,
    },
  };
  return RulesSchema.parse(rules);
}

/** The number property payment events carry that best reads as money paid. */
function findRevenueProperty(t: Taxonomy, payments: string[]): string | undefined {
  const types = new Map<string, string>();
  for (const p of [...t.commonProperties, ...t.eventProperties]) if (!types.has(p.name)) types.set(p.name, p.type);
  const candidates = [...new Set(t.events.filter((e) => payments.includes(e.name)).flatMap((e) => e.properties))].filter((p) => types.get(p) === 'number');
  for (const re of REVENUE) {
    const hit = candidates.find((p) => re.test(p.toLowerCase()));
    if (hit) return hit;
  }
  return undefined;
}

/** A property's own values: what the workbook allows, else what its name suggests. */
function ownGenerator(t: Taxonomy, name: string, naming: NamingContext): ValueGenerator | undefined {
  const def = t.eventProperties.find((p) => p.name === name);
  return def && (generatorForAllowed(def.allowed, def.type) ?? generatorForName(name, def.type, naming));
}
