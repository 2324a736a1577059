/**
 * The taxonomy: what a product tracks, as the user wrote it in the workbook.
 *
 * This is the contract between the task pane, the service, the CLI and the engine. It is pure data
 * (JSON-serialisable, no classes) and validated by the zod schemas below at every boundary. Nothing
 * here touches Office, exceljs or Node.
 *
 * Object and object-group properties are flat: their children are ordinary property rows whose name
 * is `parent.child` (as ThinkingData's own sheets write them). An event listing `rewards` gets every
 * child of `rewards`; an event listing `rewards.item_id` gets only that child.
 */
import { z } from 'zod';

/** ThinkingEngine's property types (TE-FORMAT §2). `object_group` is an array of objects. */
export const PROPERTY_TYPES = ['number', 'string', 'boolean', 'time', 'list', 'object', 'object_group'] as const;
export const PropertyTypeSchema = z.enum(PROPERTY_TYPES);
export type PropertyType = z.infer<typeof PropertyTypeSchema>;

/** How an event changes a user property; maps 1:1 onto TE's user_* record types. */
export const UPDATE_METHODS = ['set', 'set_once', 'add', 'append', 'uniq_append'] as const;
export const UpdateMethodSchema = z.enum(UPDATE_METHODS);
export type UpdateMethod = z.infer<typeof UpdateMethodSchema>;

export const LANGUAGES = ['en', 'ko', 'zh', 'ja'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const PLATFORMS = ['ios', 'android', 'web', 'pc', 'mini_program'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof ScalarSchema>;

/**
 * Allowed values of a property. A range is inclusive; `decimals` 0 means integers.
 * Weighted lists keep the user's order; weights are relative (they need not sum to 1).
 */
export const AllowedValuesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), min: z.number(), max: z.number(), decimals: z.number().int().min(0).max(6).optional() }),
  z.object({ kind: z.literal('list'), values: z.array(ScalarSchema).min(1) }),
  z.object({
    kind: z.literal('weighted'),
    values: z.array(z.object({ value: ScalarSchema, weight: z.number() })).min(1),
  }),
]);
export type AllowedValues = z.infer<typeof AllowedValuesSchema>;

export const PropertyDefSchema = z.object({
  name: z.string(),
  displayName: z.string().default(''),
  type: PropertyTypeSchema,
  description: z.string().default(''),
  allowed: AllowedValuesSchema.optional(),
});
export type PropertyDef = z.infer<typeof PropertyDefSchema>;

export const UserPropertyDefSchema = PropertyDefSchema.extend({
  update: UpdateMethodSchema.default('set'),
});
export type UserPropertyDef = z.infer<typeof UserPropertyDefSchema>;

export const EventDefSchema = z.object({
  name: z.string(),
  displayName: z.string().default(''),
  /** Free-text tag such as "onboarding", "monetization"; the analyzer reads it. */
  category: z.string().default(''),
  description: z.string().default(''),
  /** Names of event properties (top-level or dotted children), in the user's order. */
  properties: z.array(z.string()).default([]),
});
export type EventDef = z.infer<typeof EventDefSchema>;

export const FunnelDefSchema = z.object({
  name: z.string(),
  description: z.string().default(''),
  /** Event names, in order. */
  steps: z.array(z.string()).min(1),
  /**
   * Target conversion of each step from the previous one (0..1); index 0 is the first step and is
   * always null. Missing targets are null. Same length as `steps`.
   */
  stepConversion: z.array(z.number().min(0).max(1).nullable()).default([]),
  /** Time allowed from the first step to the last, in hours. */
  windowHours: z.number().positive().default(24),
});
export type FunnelDef = z.infer<typeof FunnelDefSchema>;

export const CountryShareSchema = z.object({
  /** ISO 3166-1 alpha-2, upper case (KR, US, JP …). */
  country: z.string(),
  /** IANA time zone (Asia/Seoul). Empty means the country's main zone. */
  timeZone: z.string().default(''),
  share: z.number().min(0),
});
export type CountryShare = z.infer<typeof CountryShareSchema>;

export const TargetsSchema = z.object({
  /** Retention as fractions 0..1 of a cohort active on day N after its first day. */
  d1: z.number().min(0).max(1).optional(),
  d7: z.number().min(0).max(1).optional(),
  d30: z.number().min(0).max(1).optional(),
  /** Share of active users in the range who pay at least once (0..1). */
  payerRate: z.number().min(0).max(1).optional(),
  /** Average DAU / MAU stickiness (0..1). */
  dauMau: z.number().min(0).max(1).optional(),
});
export type Targets = z.infer<typeof TargetsSchema>;

export const ProductSchema = z.object({
  name: z.string().default(''),
  /** game, ecommerce, saas, media, finance, or free text; the analyzer picks presets from it. */
  industry: z.string().default(''),
  platforms: z.array(PlatformSchema).default([]),
  description: z.string().default(''),
  countries: z.array(CountryShareSchema).default([]),
  /** First simulated day, yyyy-MM-dd, in each user's local calendar. Empty: chosen at run time. */
  startDate: z.string().default(''),
  days: z.number().int().positive().optional(),
  targetDau: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  targets: TargetsSchema.default({}),
  /** Free text such as "Black Friday sale on day 10"; the analyzer turns it into timeline modifiers. */
  scenario: z.string().default(''),
  /** Language the workbook is written in; templates are rendered in it. */
  language: LanguageSchema.default('en'),
});
export type Product = z.infer<typeof ProductSchema>;

export const TaxonomySchema = z.object({
  product: ProductSchema,
  events: z.array(EventDefSchema),
  eventProperties: z.array(PropertyDefSchema),
  commonProperties: z.array(PropertyDefSchema),
  userProperties: z.array(UserPropertyDefSchema),
  funnels: z.array(FunnelDefSchema),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

export function emptyTaxonomy(): Taxonomy {
  return TaxonomySchema.parse({
    product: {},
    events: [],
    eventProperties: [],
    commonProperties: [],
    userProperties: [],
    funnels: [],
  });
}

/**
 * What an AI draft (or any other helper) proposes to add to a taxonomy. Every entry needs only a
 * name; everything else is optional and carries no defaults, so "not proposed" stays distinct from
 * "proposed empty". `mergeAdditions` applies it without overwriting anything the user wrote, and may
 * fill gaps (a missing description) in rows the user already has.
 */
const PropertyAdditionSchema = z.object({
  name: z.string(),
  displayName: z.string().optional(),
  type: PropertyTypeSchema.optional(),
  description: z.string().optional(),
  allowed: AllowedValuesSchema.optional(),
});
export const TaxonomyAdditionsSchema = z.object({
  product: z
    .object({
      name: z.string().optional(),
      industry: z.string().optional(),
      platforms: z.array(PlatformSchema).optional(),
      description: z.string().optional(),
      countries: z.array(CountryShareSchema).optional(),
      startDate: z.string().optional(),
      days: z.number().int().positive().optional(),
      targetDau: z.number().int().positive().optional(),
      seed: z.number().int().optional(),
      targets: TargetsSchema.optional(),
      scenario: z.string().optional(),
    })
    .optional(),
  events: z
    .array(
      z.object({
        name: z.string(),
        displayName: z.string().optional(),
        category: z.string().optional(),
        description: z.string().optional(),
        properties: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  eventProperties: z.array(PropertyAdditionSchema).optional(),
  commonProperties: z.array(PropertyAdditionSchema).optional(),
  userProperties: z.array(PropertyAdditionSchema.extend({ update: UpdateMethodSchema.optional() })).optional(),
  funnels: z
    .array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        steps: z.array(z.string()).optional(),
        stepConversion: z.array(z.number().min(0).max(1).nullable()).optional(),
        windowHours: z.number().positive().optional(),
      }),
    )
    .optional(),
});
export type TaxonomyAdditions = z.infer<typeof TaxonomyAdditionsSchema>;
