/**
 * The CLI's cache: one JSON file per key in a folder. Writes go to a temporary name and are renamed
 * into place, so a crash never leaves a half-written answer that a later run would trust.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AiCache } from './cache.ts';

const KEY = /^[0-9a-f]{64}$/;

export function diskCache(dir: string): AiCache {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`Cache keys are SHA-256 hex digests; got '${key.slice(0, 80)}'.`);
    return join(dir, `${key}.json`);
  };
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(fileOf(key), 'utf8')) as unknown;
      } catch (err) {
        // Missing or unreadable (e.g. edited by hand): treat as a miss and ask again.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return undefined;
        throw err;
      }
    },
    async set(key, value) {
      const file = fileOf(key);
      await mkdir(dir, { recursive: true });
      const temp = `${file}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(value)}\n`);
        await rename(temp, file);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
  };
}
