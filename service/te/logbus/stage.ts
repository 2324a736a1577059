/**
 * LogBus2 skips `.gz` files, so a gzipped run is decompressed once into the driver's staging folder.
 * Each staged file is written completely under a temporary name outside every watched pattern and
 * moved into place before LogBus2 starts; after that it is never rewritten or renamed.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export interface StagedFile {
  path: string;
  size: number;
  records: number;
}

/** Paths LogBus2 should read for each run file: the file itself, or its staged plain copy. */
export async function stageRunFiles(workDir: string, runIdentity: string, files: { path: string; records: number }[]): Promise<StagedFile[]> {
  const out: StagedFile[] = [];
  const stageDir = join(workDir, 'staging', runIdentity.slice(0, 16));
  for (const f of files) {
    if (!f.path.endsWith('.gz')) {
      out.push({ path: f.path, size: (await stat(f.path)).size, records: f.records });
      continue;
    }
    const target = join(stageDir, basename(f.path, '.gz'));
    const existing = await stat(target).catch(() => undefined);
    if (!existing) {
      const tmpDir = join(workDir, 'staging-tmp');
      await mkdir(tmpDir, { recursive: true });
      await mkdir(stageDir, { recursive: true });
      const tmp = join(tmpDir, `${basename(target)}.${process.pid}.part`);
      try {
        await pipeline(createReadStream(f.path), createGunzip(), createWriteStream(tmp));
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    }
    out.push({ path: target, size: (await stat(target)).size, records: f.records });
  }
  return out;
}
