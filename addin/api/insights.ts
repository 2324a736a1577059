/** The parts of a run's insights.json the pane charts, checked at the edge (extra fields ignored). */
import { z } from 'zod';

const Fraction = z.number().nullable();

export const InsightsViewSchema = z.object({
  range: z.object({ startDate: z.string(), days: z.number(), dates: z.array(z.string()) }),
  totals: z.object({ activeUsers: z.number(), newUsers: z.number(), events: z.number(), sessions: z.number(), payers: z.number(), revenue: z.number() }),
  daily: z.array(z.object({ date: z.string(), dau: z.number(), newUsers: z.number() }).loose()),
  retention: z.object({ offsets: z.array(z.number()), curve: z.array(Fraction) }).loose(),
  funnels: z.array(
    z.object({
      name: z.string(),
      newUsers: z.boolean().default(false),
      steps: z.array(z.object({ event: z.string(), users: z.number(), conversion: Fraction, overall: z.number(), target: Fraction })),
    }).loose(),
  ),
  localHour: z.array(z.number()),
  targets: z.array(
    z.object({
      metric: z.string(),
      target: z.number(),
      achieved: z.number().nullable(),
      met: z.boolean(),
      tolerance: z.object({ kind: z.string(), value: z.number() }),
      // Runs made before these existed have none.
      sample: z.number().nullable().default(null),
      noise: z.boolean().default(false),
    }),
  ),
  // Runs made before the field existed have none.
  calibrationWarnings: z.array(z.string()).default([]),
}).loose();
export type InsightsView = z.infer<typeof InsightsViewSchema>;
