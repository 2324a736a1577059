/** The run manifest (`run.json`): everything needed to reproduce and read a run; no wall-clock values. */
import { createHash } from 'node:crypto';
import type { CalibrationReport } from '../calibrate/index.ts';

export interface RunFile {
  path: string;
  date: string;
  records: number;
  bytes: number;
}

export interface RunManifest {
  format: 1;
  seed: number;
  params: { startDate: string; days: number; dau: number; seed: number; gzip: boolean };
  taxonomyHash: string;
  rulesHash: string;
  counts: { records: number; users: number; byType: Record<string, number> };
  files: RunFile[];
  calibration: CalibrationReport;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
