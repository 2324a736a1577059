/** The insights of one run: what a product analyst would look at first in ThinkingEngine. */

export interface InsightsConfig {
  /** First day of the range, yyyy-MM-dd. */
  startDate: string;
  days: number;
  /** `newUsers`: read among users new in the range only (an onboarding funnel, see readsNewUsers). */
  funnels: { name: string; steps: string[]; windowHours: number; stepTargets: (number | null)[]; newUsers: boolean }[];
  targets: {
    dau?: number;
    d1?: number;
    d7?: number;
    d30?: number;
    payerRate?: number;
    dauMau?: number;
  };
}

export interface DailyPoint {
  date: string;
  dau: number;
  wau: number;
  mau: number;
  newUsers: number;
}

export interface Distribution {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  /** Upper bounds of the histogram's bins (the last bin is open) and their counts. */
  bins: number[];
  counts: number[];
}

export interface FunnelStepInsight {
  event: string;
  users: number;
  /** Share of the previous step's users that reached this step (null for the first step). */
  conversion: number | null;
  /** Share of the first step's users that reached this step. */
  overall: number;
  target: number | null;
}

export interface TargetCheck {
  metric: 'dau' | 'd1' | 'd7' | 'd30' | 'payerRate' | 'dauMau' | `funnel:${string}`;
  target: number;
  achieved: number | null;
  /** `points`: both values are fractions compared in percentage points; `relative`: ± a share of the target. */
  tolerance: { kind: 'points' | 'relative'; value: number };
  /** False when the range cannot show the metric (D30 in a 14-day run): neither met nor missed. */
  measured: boolean;
  met: boolean;
  /**
   * How many users the reading is a share of (the cohorts behind a D7, the users who reached the
   * step before), for the shares that have one; null for DAU and DAU/MAU.
   */
  sample?: number | null;
  /**
   * Missed, but by no more than a sample this size strays (two standard errors beyond the
   * tolerance): the engine aimed at the target, and more users or days would read closer to it.
   * Only ever true when measured and not met; absent in insights saved before it existed.
   */
  noise?: boolean;
}

export interface Insights {
  range: { startDate: string; days: number; dates: string[] };
  totals: { activeUsers: number; newUsers: number; events: number; sessions: number; payers: number; revenue: number };
  daily: DailyPoint[];
  retention: {
    /** Day offsets 1…30 and the share of eligible cohort users active on that day after their first. */
    offsets: number[];
    curve: (number | null)[];
    cohorts: { date: string; size: number; retained: (number | null)[] }[];
  };
  /** `newUsers`: the funnel counts only users new in the range (an onboarding funnel). */
  funnels: { name: string; windowHours: number; newUsers: boolean; steps: FunnelStepInsight[] }[];
  sessions: { perActiveDay: Distribution; lengthSec: Distribution; eventsPerSession: Distribution };
  /** Session starts by local hour (0–23) and local weekday (0 = Monday). */
  localHour: number[];
  weekday: number[];
  topEvents: { name: string; count: number }[];
  monetization: {
    payerRate: number;
    revenue: number;
    arpu: number;
    arppu: number;
    /** Share of revenue from the top 1 % and 10 % of payers. */
    top1PctShare: number;
    top10PctShare: number;
  };
  mix: { segments: Record<string, number>; countries: Record<string, number>; platforms: Record<string, number> };
  targets: TargetCheck[];
  /** Why calibration expects a stated target to be missed (a workbook can state targets its own rules cannot reach). */
  calibrationWarnings: string[];
}
