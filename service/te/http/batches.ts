/**
 * JSON-array request bodies built straight from JSONL bytes: each line is already a JSON object, so
 * a batch is `[` + lines joined by `,` + `]` with no parse and no stringify.
 */
import { lines, openDataFile } from '../run-dir.ts';

export interface Batch {
  /** Index of the file in the run, and of the batch within the file. */
  file: number;
  index: number;
  records: number;
  /** Uncompressed JSON array. */
  body: Buffer;
}

function join(parts: Buffer[]): Buffer {
  let size = 2 + Math.max(0, parts.length - 1);
  for (const p of parts) size += p.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  out[at++] = 0x5b; // [
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    at += parts[i]!.copy(out, at);
  }
  out[at] = 0x5d; // ]
  return out;
}

/**
 * The batches of one file, `size` records each (the last may be shorter). Batches `skip` says are
 * done are counted but not built, so a resumed send passes over them cheaply.
 */
export async function* batchesOf(path: string, fileIndex: number, size: number, skip: (index: number) => boolean): AsyncGenerator<Batch> {
  let pending: Buffer[] = [];
  let index = 0;
  const emit = (): Batch => {
    const parts = pending;
    pending = [];
    const body = skip(index) ? Buffer.alloc(0) : join(parts);
    return { file: fileIndex, index: index++, records: parts.length, body };
  };
  for await (const group of lines(openDataFile(path))) {
    for (const line of group) {
      pending.push(line);
      if (pending.length === size) yield emit();
    }
  }
  if (pending.length > 0) yield emit();
}
