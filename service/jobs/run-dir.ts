/** Where a run's files live, and the one way to resolve a file inside it (no escaping the run). */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

export function runDir(dataDir: string, runId: string): string {
  if (!/^run_[0-9a-z]{10,40}$/.test(runId)) throw new Error(`invalid run id ${runId}`);
  return join(dataDir, 'runs', runId);
}

/**
 * Resolves a manifest-relative path (`data/2026-01-01.jsonl`) inside the run directory, or returns
 * undefined when it would leave it — by `..`, an absolute path, a NUL, or a symlink pointing out.
 */
export async function resolveRunFile(dir: string, rel: string): Promise<string | undefined> {
  if (rel.includes('\0') || isAbsolute(rel) || rel.includes('\\')) return undefined;
  const clean = normalize(rel);
  if (clean.startsWith('..') || clean.split(sep).includes('..')) return undefined;
  const full = join(dir, clean);
  try {
    const [realDir, realFull] = await Promise.all([realpath(dir), realpath(full)]);
    const r = relative(realDir, realFull);
    if (r === '' || r.startsWith('..') || isAbsolute(r)) return undefined;
    return realFull;
  } catch {
    return undefined;
  }
}
