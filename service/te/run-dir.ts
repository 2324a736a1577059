/**
 * Reading a generated run directory (`run.json` + `data/*.jsonl[.gz]`) as the sender sees it: the
 * files in order, and their lines as raw bytes, never parsed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

/** The part of run.json the sender needs; other fields are the engine's business. */
export const RunManifestForSendSchema = z.object({
  format: z.literal(1),
  counts: z.object({ records: z.number().int().min(0) }).loose(),
  files: z.array(
    z
      .object({
        path: z.string().min(1),
        records: z.number().int().min(0),
      })
      .loose(),
  ),
}).loose();
export type RunManifestForSend = z.infer<typeof RunManifestForSendSchema>;

export class RunDirError extends Error {}

export interface RunForSend {
  runDir: string;
  manifest: RunManifestForSend;
  /** SHA-256 of run.json: a checkpoint belongs to exactly this run. */
  identity: string;
  /** Absolute paths, in manifest order. */
  files: { path: string; relative: string; records: number }[];
}

export async function openRun(runDir: string): Promise<RunForSend> {
  const manifestPath = join(runDir, 'run.json');
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (err) {
    throw new RunDirError(`cannot read ${manifestPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. Is '${runDir}' a generated run directory?`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RunDirError(`${manifestPath} is not JSON; regenerate the run.`);
  }
  const parsed = RunManifestForSendSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new RunDirError(`${manifestPath}: ${first.path.join('.') || 'manifest'}: ${first.message}; regenerate the run.`);
  }
  const files = parsed.data.files.map((f) => {
    const rel = normalize(f.path);
    if (isAbsolute(rel) || rel.startsWith(`..${sep}`) || rel === '..') {
      throw new RunDirError(`${manifestPath}: file path '${f.path}' leaves the run directory.`);
    }
    return { path: join(runDir, rel), relative: f.path, records: f.records };
  });
  return { runDir, manifest: parsed.data, identity: createHash('sha256').update(text).digest('hex'), files };
}

/** The file's bytes, decompressed when it is `.gz`, as a stream of chunks. */
export function openDataFile(path: string): AsyncIterable<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
  return path.endsWith('.gz') ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 })) : raw;
}

/**
 * Lines of a JSONL stream as byte slices (without the newline); blank lines are skipped. Slices
 * may share memory with the chunk they came from.
 */
export async function* lines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const out: Buffer[] = [];
    let start = 0;
    let nl = chunk.indexOf(10, start);
    while (nl !== -1) {
      let line = chunk.subarray(start, nl);
      if (carry) {
        line = Buffer.concat([carry, line]);
        carry = undefined;
      }
      if (!isBlank(line)) out.push(line);
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (start < chunk.length) carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : chunk.subarray(start);
    if (out.length > 0) yield out;
  }
  if (carry && !isBlank(carry)) yield [carry];
}

function isBlank(line: Buffer): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
