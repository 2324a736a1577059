/**
 * Where a send stopped: which batches the destination acknowledged. Written atomically (temp file +
 * rename) after every acknowledged batch, so a send killed at any instant resumes without sending an
 * acknowledged batch again.
 *
 * With several requests in flight, batches are acknowledged out of order; the checkpoint keeps the
 * contiguous prefix (`next`) plus the acknowledged batches beyond it (`ahead`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const PositionSchema = z.object({ file: z.number().int().min(0), batch: z.number().int().min(0) });
export type Position = z.infer<typeof PositionSchema>;

export const CheckpointSchema = z.object({
  format: z.literal(1),
  /** SHA-256 of the run's run.json. */
  run: z.string(),
  destination: z.object({ url: z.string(), appId: z.string() }),
  batchSize: z.number().int().positive(),
  /** First batch not yet acknowledged in order. */
  next: PositionSchema,
  /** Acknowledged batches after `next`. */
  ahead: z.array(PositionSchema),
  recordsSent: z.number().int().min(0),
  /** Set once every batch was acknowledged. */
  complete: z.boolean(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export class CheckpointError extends Error {}

export async function loadCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CheckpointError(`cannot read checkpoint ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckpointError(`checkpoint ${path} is not JSON; delete it to send the run from the start.`);
  }
  const parsed = CheckpointSchema.safeParse(json);
  if (!parsed.success) throw new CheckpointError(`checkpoint ${path} is not a send checkpoint; delete it to send the run from the start.`);
  return parsed.data;
}

export async function saveCheckpoint(path: string, cp: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, JSON.stringify(cp));
  await rename(tmp, path);
}

const key = (p: Position) => `${p.file}:${p.batch}`;

/** Tracks acknowledgements in memory and says which batches are already done. */
export class AckTracker {
  #next: Position;
  #ahead = new Set<string>();
  /** Batch counts per file, learnt as files are read, to carry `next` across file boundaries. */
  #batchesInFile = new Map<number, number>();

  constructor(from?: Pick<Checkpoint, 'next' | 'ahead'>) {
    this.#next = from ? { ...from.next } : { file: 0, batch: 0 };
    for (const p of from?.ahead ?? []) this.#ahead.add(key(p));
  }

  isDone(p: Position): boolean {
    if (p.file < this.#next.file || (p.file === this.#next.file && p.batch < this.#next.batch)) return true;
    return this.#ahead.has(key(p));
  }

  /** Declares how many batches a file has, once it has been read to the end. */
  fileLength(file: number, batches: number): void {
    this.#batchesInFile.set(file, batches);
    this.#advance();
  }

  ack(p: Position): void {
    this.#ahead.add(key(p));
    this.#advance();
  }

  #advance(): void {
    for (;;) {
      const k = key(this.#next);
      if (this.#ahead.has(k)) {
        this.#ahead.delete(k);
        this.#next = { file: this.#next.file, batch: this.#next.batch + 1 };
        continue;
      }
      const count = this.#batchesInFile.get(this.#next.file);
      if (count !== undefined && this.#next.batch >= count) {
        this.#next = { file: this.#next.file + 1, batch: 0 };
        continue;
      }
      return;
    }
  }

  state(): { next: Position; ahead: Position[] } {
    const ahead = [...this.#ahead].map((k) => {
      const [file, batch] = k.split(':').map(Number);
      return { file: file!, batch: batch! };
    });
    ahead.sort((a, b) => a.file - b.file || a.batch - b.batch);
    return { next: { ...this.#next }, ahead };
  }
}
