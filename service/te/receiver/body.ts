/** Request bodies as TE clients send them: raw or gzip (by header or magic bytes), JSON or form. */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { constants, gunzip as gunzipCb, gunzipSync } from 'node:zlib';

const gunzip = promisify(gunzipCb);

export class BodyError extends Error {}

/** Reads the whole body; rejects bodies over `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyError(`request body is over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/**
 * Decompresses when the `compress` header says gzip or the bytes start with gzip's magic number
 * (clients are not consistent about the header).
 */
export async function decodeBody(buf: Buffer, compressHeader: string | undefined): Promise<Buffer> {
  const declared = compressHeader?.toLowerCase() === 'gzip';
  if (!declared && !isGzip(buf)) return buf;
  if (declared && !isGzip(buf)) {
    // A client that says gzip but sends plain text: accept what it sent.
    return buf;
  }
  try {
    return await gunzip(buf, { chunkSize: outputChunkSize(buf) });
  } catch (err) {
    throw new BodyError(`body is not valid gzip: ${(err as Error).message}`);
  }
}

const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 64 * 1024 * 1024;

/**
 * Output chunk size for gunzip: the size gzip records in its trailer (ISIZE, the last member's
 * length mod 2^32), so a whole batch inflates in one chunk. zlib's default of 16 KB costs a callback,
 * a copy and a final concatenation per chunk on the main thread; a wrong hint only costs that again.
 */
function outputChunkSize(gz: Buffer): number {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size + 1));
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseForm(buf: Buffer): URLSearchParams {
  return new URLSearchParams(buf.toString('utf8'));
}

/** JSON.parse that reports failure as undefined instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Records from a body that should hold a JSON array, or newline-separated JSON objects. */
export function parseRecords(text: string): { ok: true; records: unknown[] } | { ok: false; error: string } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const parsed = tryParseJson(trimmed);
    if (!parsed.ok) return parsed;
    return Array.isArray(parsed.value) ? { ok: true, records: parsed.value } : { ok: false, error: 'body is not a JSON array' };
  }
  if (trimmed.startsWith('{')) {
    const records: unknown[] = [];
    for (const line of trimmed.split('\n')) {
      if (line.trim() === '') continue;
      const parsed = tryParseJson(line);
      if (!parsed.ok) return { ok: false, error: `a line is not JSON: ${parsed.error}` };
      records.push(parsed.value);
    }
    return { ok: true, records };
  }
  return { ok: false, error: 'body is neither a JSON array nor JSON lines' };
}

/** The body as a person would want to read it in a log: decompressed when it is gzip. */
export function readableBody(buf: Buffer): Buffer {
  if (!isGzip(buf)) return buf;
  try {
    return gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 });
  } catch {
    return buf;
  }
}
