/** What the pane reads from a run's manifest (`run.json`), which reaches it unchecked: defaults for anything missing. */

export function countsOf(manifest: unknown): { records: number; users: number } {
  const counts = (manifest as { counts?: { records?: unknown; users?: unknown } } | null)?.counts;
  return { records: Number(counts?.records ?? 0), users: Number(counts?.users ?? 0) };
}

/** Why calibration expects a stated target to be missed (see the engine's CalibrationReport). */
export function calibrationWarningsOf(manifest: unknown): string[] {
  const warnings = (manifest as { calibration?: { warnings?: unknown } } | null)?.calibration?.warnings;
  return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
}
