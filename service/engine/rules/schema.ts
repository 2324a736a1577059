/**
 * Rules: everything the simulator needs besides the taxonomy, as plain data.
 *
 * Rules come from the offline analyzer or from an AI provider that receives this schema as its
 * structured-output schema (`z.toJSONSchema(RulesSchema)`), so the schema holds no transforms, no
 * refinements that JSON Schema cannot express, and every field says what it means. Formulas are
 * strings compiled by our own expression evaluator (service/engine/expr), never code.
 *
 * Names (events, properties, funnels) refer only to the taxonomy; `checkRulesAgainstTaxonomy`
 * (service/engine/rules/check.ts) verifies that. Days are indexes into the requested date range
 * (0 = first day) in each user's local calendar; negative days lie before the range.
 */
import { z } from 'zod';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Share = z.number().min(0).describe('Relative share; shares in one list need not sum to 1.');
const Probability = z.number().min(0).max(1);
const EventName = z.string().min(1).describe('An event name from the taxonomy Events sheet.');
const PropertyName = z.string().min(1).describe('A property name from the taxonomy (event, common or user property).');

/**
 * Positive random quantities. Heavy tails (session length, gaps, amounts) use `lognormal` or
 * `pareto`; counts use `poisson` or `geometric`. `min`/`max` clamp the drawn value.
 */
export const DistributionSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant'), value: z.number() }),
    z.object({ kind: z.literal('uniform'), min: z.number(), max: z.number() }),
    z.object({
      kind: z.literal('lognormal'),
      median: z.number().positive().describe('The middle value: half the draws fall below it.'),
      sigma: z.number().min(0).max(4).describe('Spread of log(value); 0.5 is moderate, 1.2 is a long tail.'),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
    z.object({
      kind: z.literal('pareto'),
      min: z.number().positive().describe('Smallest value (the scale).'),
      alpha: z.number().positive().describe('Tail index; smaller is heavier (1.2 very heavy, 3 light).'),
      max: z.number().optional(),
    }),
    z.object({ kind: z.literal('poisson'), mean: z.number().min(0), min: z.number().optional(), max: z.number().optional() }),
    z.object({ kind: z.literal('geometric'), mean: z.number().min(1).describe('Mean of a count that is at least 1.'), max: z.number().optional() }),
  ])
  .describe('A random quantity by kind and parameters.');
export type Distribution = z.infer<typeof DistributionSchema>;

export const WeightedScalarSchema = z.object({ value: Scalar, weight: Share });

import { USER_TRAITS } from './user-traits.ts';

export { USER_TRAITS };

/**
 * How one property value is produced. Chosen per (event, property) by `properties[]`; a property
 * without a rule falls back to its taxonomy allowed values, then to a type-appropriate default.
 */
/** The faker draws rules may ask for (see model/faker.ts for how each is drawn). */
export const FAKER_METHODS = ['person.fullName', 'person.firstName', 'internet.email', 'internet.userName', 'location.city', 'company.name', 'commerce.productName', 'lorem.word', 'lorem.sentence', 'phone.number'] as const;

export const ValueGeneratorSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('range'),
      min: z.number(),
      max: z.number(),
      decimals: z.number().int().min(0).max(6).optional().describe('0 or absent: integers.'),
      skew: z.enum(['uniform', 'low', 'high']).optional().describe('low: most values near min (prices, amounts); high: near max.'),
    }),
    z.object({ kind: z.literal('list'), values: z.array(Scalar).min(1).describe('Equally likely values.') }),
    z.object({ kind: z.literal('weighted'), values: z.array(WeightedScalarSchema).min(1) }),
    z.object({
      kind: z.literal('segment_range'),
      ranges: z.array(z.object({ segment: z.string(), min: z.number(), max: z.number() })).min(1),
      decimals: z.number().int().min(0).max(6).optional(),
    }).describe('A numeric range that depends on the user segment (whales spend more). Unlisted segments use the first range.'),
    z.object({
      kind: z.literal('by_value'),
      of: z.string().describe('A user trait (country, platform, segment …) or a property already set on the same event.'),
      cases: z.array(z.object({ when: Scalar, values: z.array(WeightedScalarSchema).min(1) })).min(1),
      otherwise: z.array(WeightedScalarSchema).optional(),
    }).describe('A constraint: the value depends on another value, e.g. carrier by country or currency by country.'),
    z.object({
      kind: z.literal('formula'),
      expression: z.string().describe(
        'An expression over other properties of the same event, user properties (user.NAME), traits (trait.country) and `day`, e.g. "level * 100 + 50" or "round(price * quantity, 2)".',
      ),
    }),
    z.object({
      kind: z.literal('copy'),
      fromEvent: EventName.describe('The earlier event of the same user whose value is reused.'),
      property: PropertyName.describe('Property of that earlier event; defaults to the same name.').optional(),
    }).describe('Values that belong together: the price added to cart is the price viewed; payment carries the order id of its checkout.'),
    z.object({
      kind: z.literal('user_property'),
      property: PropertyName.describe('A user property name.'),
      add: z.number().optional().describe('Added to the current value, e.g. 1 for the new level on level_up.'),
    }).describe('The user\'s current value of a user property (plus an optional offset).'),
    z.object({ kind: z.literal('trait'), trait: z.enum(USER_TRAITS) }).describe('A fixed trait of the user.'),
    z.object({
      kind: z.literal('id'),
      prefix: z.string().default(''),
      scope: z.enum(['event', 'user']).default('event').describe('event: new id on each event; user: one id per user.'),
    }).describe('A unique identifier string, deterministic from the seed.'),
    z.object({
      kind: z.literal('time'),
      offsetMinutes: z.number().optional().describe('Relative to the event time; absent = the event time itself.'),
    }).describe('A time value in `yyyy-MM-dd HH:mm:ss.SSS` local time.'),
    z.object({ kind: z.literal('counter'), start: z.number().default(1) }).describe('Per-user count of this event: 1, 2, 3 …'),
    z.object({
      kind: z.literal('faker'),
      method: z.enum(FAKER_METHODS),
    }).describe('Last resort for free text: drawn once per user in the user locale and reused.'),
  ])
  .describe('How a property value is generated.');
export type ValueGenerator = z.infer<typeof ValueGeneratorSchema>;

export const PropertyRuleSchema = z.object({
  property: PropertyName,
  event: EventName.optional().describe('Only for this event; absent = every event carrying the property.'),
  value: ValueGeneratorSchema,
});
export type PropertyRule = z.infer<typeof PropertyRuleSchema>;

/** Sources of the value written to a user property when an event happens. */
export const UpdateValueSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('event_property'), property: PropertyName.describe('A property of the triggering event.') }),
    z.object({ kind: z.literal('constant'), value: Scalar }),
    z.object({ kind: z.literal('event_time') }),
    z.object({ kind: z.literal('event_name') }),
    z.object({ kind: z.literal('generated'), value: ValueGeneratorSchema }),
  ])
  .describe('Where the value comes from. For add it must be a number; for append/uniq_append a string.');
export type UpdateValue = z.infer<typeof UpdateValueSchema>;

export const UserUpdateSchema = z.object({
  event: EventName.describe('Event that triggers the update.'),
  property: PropertyName.describe('A user property from the taxonomy User Properties sheet.'),
  method: z.enum(['set', 'set_once', 'add', 'append', 'uniq_append']),
  value: UpdateValueSchema,
});
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

export const ActivitySchema = z
  .object({
    day1: Probability.describe('Probability of being active on the day after install (before churn).'),
    halfLifeDays: z.number().positive().describe('Days for (probability - floor) to halve as the user ages.'),
    floor: Probability.describe('Long-run daily activity probability of a user who has not churned.'),
    churnPerDay: Probability.describe('Daily probability that an active user churns (stops coming).'),
    returnPerDay: Probability.describe('Daily probability that a churned user comes back.'),
  })
  .describe('Daily activity: p(age) = floor + (day1 - floor) * 0.5^((age - 1) / halfLifeDays), gated by churn.');
export type Activity = z.infer<typeof ActivitySchema>;

export const SegmentSchema = z.object({
  name: z.string().min(1).describe('e.g. casual, core, whale, churn_risk.'),
  share: Share.describe('Share of users in this segment.'),
  description: z.string().default(''),
  activity: ActivitySchema,
  sessionsPerDay: DistributionSchema.describe('Sessions on an active day (at least 1).'),
  sessionMinutes: DistributionSchema.describe('Session length in minutes; heavy-tailed.'),
  gapMinutes: DistributionSchema.describe('Idle time between sessions on the same day, in minutes.'),
  eventsPerSession: DistributionSchema.describe('Track events in a session besides start/end events.'),
  payer: Probability.default(0).describe('Probability that a user of this segment ever pays.'),
  hourOfDay: z.array(z.number().min(0)).length(24).optional().describe('Overrides the global local hour profile.'),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const LifecycleStageSchema = z.object({
  name: z.string().min(1).describe('e.g. guest, registered, onboarded, engaged.'),
  enterOn: EventName.optional().describe('Event that moves the user into this stage; absent for the first stage.'),
  allowEvents: z.array(EventName).describe('Events newly allowed from this stage on (earlier stages\' events stay allowed).'),
});
export type LifecycleStage = z.infer<typeof LifecycleStageSchema>;

export const EventRuleSchema = z.object({
  event: EventName,
  weight: Share.describe('Relative frequency among events picked inside sessions.'),
  placement: z.enum(['session_start', 'session_end', 'anywhere']).default('anywhere').describe(
    'session_start events open every session (app start, login); session_end events close it.',
  ),
  oncePerUser: z.boolean().default(false).describe('Happens at most once in a user\'s life (register, tutorial_complete).'),
  prerequisites: z.array(EventName).default([]).describe('Events that must have happened before (ever) for this one to occur.'),
  payment: z.boolean().default(false).describe('A payment; only payers emit it.'),
});
export type EventRule = z.infer<typeof EventRuleSchema>;

export const SequenceSchema = z
  .object({
    name: z.string().min(1),
    steps: z.array(EventName).min(1),
    trigger: z.enum(['first_session', 'every_session', 'random']).describe(
      'first_session: runs in the user\'s first session (onboarding); every_session: after the start events; random: may start in any session.',
    ),
    probability: Probability.default(1).describe('Chance the sequence starts when triggered.'),
    continueProbability: Probability.default(1).describe('Chance of going on to each next step.'),
    gapSeconds: DistributionSchema.describe('Time between consecutive steps.'),
  })
  .describe('Events that happen in a fixed order (tutorial_step1..3).');
export type Sequence = z.infer<typeof SequenceSchema>;

export const FunnelRuleSchema = z
  .object({
    funnel: z.string().min(1).describe('A funnel name from the taxonomy Funnels sheet (or a new descriptive name).'),
    steps: z.array(EventName).min(2),
    entryPerSession: Probability.describe('Chance that a session enters the funnel (does its first step).'),
    stepConversion: z.array(Probability).describe('Share of the users who reached the previous step that go on to this one within the window (ThinkingEngine funnel reading); index 0 is 1.'),
    minutesToConvert: DistributionSchema.describe('Time between consecutive steps, in minutes.'),
    windowHours: z.number().positive().default(24),
  })
  .describe('An ordered funnel with per-step conversion and time to convert.');
export type FunnelRule = z.infer<typeof FunnelRuleSchema>;

export const CountryRuleSchema = z.object({
  country: z.string().length(2).describe('ISO 3166-1 alpha-2, upper case.'),
  timeZone: z.string().default('').describe('IANA zone; empty = the country\'s main zone.'),
  share: Share,
  locale: z.string().default('').describe('BCP 47 locale such as ko-KR; empty = the country\'s main locale.'),
});

export const PlatformRuleSchema = z.object({
  platform: z.enum(['ios', 'android', 'web', 'pc', 'mini_program']),
  share: Share,
});

export const DeviceRuleSchema = z.object({
  platform: z.enum(['ios', 'android', 'web', 'pc', 'mini_program']),
  model: z.string(),
  manufacturer: z.string(),
  share: Share,
  osVersions: z.array(z.string()).min(1),
  screen: z.string().optional().describe('WIDTHxHEIGHT, e.g. 1170x2532.'),
});

export const ChannelSchema = z.object({
  name: z.string().describe('Channel label (organic, google_ads, facebook …).'),
  share: Share,
  utmSource: z.string().default(''),
  utmMedium: z.string().default(''),
  utmCampaign: z.string().default(''),
});

export const ReleaseSchema = z.object({
  version: z.string().describe('App version such as 2.3.0.'),
  day: z.number().int().describe('Day the release ships; negative = before the range.'),
  rolloutDays: z.number().min(0).default(7).describe('Days until nearly every active user has upgraded.'),
});

export const TimelineModifierSchema = z
  .object({
    name: z.string().describe('e.g. black_friday_sale, outage.'),
    fromDay: z.number().int(),
    toDay: z.number().int().describe('Inclusive.'),
    activity: z.number().min(0).default(1).describe('Multiplies daily activity probability.'),
    acquisition: z.number().min(0).default(1).describe('Multiplies new users per day.'),
    events: z.array(z.object({ event: EventName, multiplier: z.number().min(0) })).default([]).describe('Multiplies event weights.'),
  })
  .describe('A scenario on the timeline.');
export type TimelineModifier = z.infer<typeof TimelineModifierSchema>;

export const TargetsRuleSchema = z.object({
  dau: z.number().positive().optional(),
  d1: Probability.optional(),
  d7: Probability.optional(),
  d30: Probability.optional(),
  payerRate: Probability.optional().describe('Share of active users in the range who pay at least once.'),
  funnels: z.array(z.object({ funnel: z.string(), stepConversion: z.array(Probability.nullable()) })).default([]),
});
export type TargetsRule = z.infer<typeof TargetsRuleSchema>;

export const RulesSchema = z
  .object({
    version: z.literal(1),
    segments: z.array(SegmentSchema).min(1),
    lifecycle: z.array(LifecycleStageSchema).min(1).describe('Stages in order; users start in the first.'),
    identity: z.object({
      registerEvent: EventName.optional().describe('After this event the user carries #account_id; before it only a guest #distinct_id.'),
    }),
    events: z.array(EventRuleSchema).describe('Every taxonomy event the simulation may emit, with its weight.'),
    sequences: z.array(SequenceSchema).default([]),
    funnels: z.array(FunnelRuleSchema).default([]),
    properties: z.array(PropertyRuleSchema).default([]),
    userUpdates: z.array(UserUpdateSchema).default([]),
    initialUserProperties: z.array(z.object({ property: PropertyName, value: ValueGeneratorSchema })).default([]).describe(
      'User properties set (user_setOnce) on the user\'s first event.',
    ),
    monetization: z.object({
      revenueProperty: PropertyName.optional().describe('Event property holding the amount on payment events.'),
      currency: z.string().default('USD'),
    }),
    hourOfDay: z.array(z.number().min(0)).length(24).describe('Relative weight of session starts per local hour 0..23.'),
    dayOfWeek: z.array(z.number().min(0)).length(7).describe('Relative activity per local weekday, Monday first.'),
    acquisition: z.object({
      newUserShareOfDau: z.number().min(0).max(1).default(0.1).describe('New installs per day as a share of the target DAU.'),
      trendPerDay: z.number().min(-0.2).max(0.2).default(0).describe('Relative daily growth of installs (0.01 = +1 % a day).'),
      historyDays: z.number().int().min(0).max(365).default(60).describe('How far back the existing user base was installed.'),
    }),
    countries: z.array(CountryRuleSchema).min(1),
    platforms: z.array(PlatformRuleSchema).min(1),
    devices: z.array(DeviceRuleSchema).default([]).describe('Device mix; empty = built-in presets per platform.'),
    channels: z.array(ChannelSchema).default([]),
    releases: z.array(ReleaseSchema).default([]),
    timeline: z.array(TimelineModifierSchema).default([]),
    targets: TargetsRuleSchema.default({ funnels: [] }),
  })
  .describe('Rules for simulating ThinkingEngine demo data from a taxonomy.');
export type Rules = z.infer<typeof RulesSchema>;
/** Rules as written by hand or by a model, before defaults are applied. */
export type RulesInput = z.input<typeof RulesSchema>;

/** The JSON Schema handed to AI providers as the structured-output schema. */
export function rulesJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RulesSchema, { io: 'input' }) as Record<string, unknown>;
}
