/**
 * What a shard worker thread loads. A worker that registers tsx gets a module-loader thread of its
 * own (one more V8 isolate, ~15 MB resident per worker on Node 20), so the worker's code is bundled
 * once per process into one ES module with esbuild (the compiler tsx itself runs) and the workers
 * load that. The bundle is written under node_modules/.cache, where its package imports (zod,
 * faker) resolve, and is named by the hash of its contents: it is never stale, and concurrent runs
 * write the same file. Where it cannot be written (a read-only install), the workers register tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Registers tsx, then loads shard-worker.ts: the fallback, and what the bundle replaces. */
export const TSX_BOOTSTRAP = new URL('./worker-bootstrap.js', import.meta.url);

let entry: URL | undefined;

export function shardWorkerEntry(): URL {
  entry ??= bundleShardWorker() ?? TSX_BOOTSTRAP;
  return entry;
}

function bundleShardWorker(): URL | null {
  const source = fileURLToPath(new URL('./shard-worker.ts', import.meta.url));
  const modules = fileURLToPath(new URL('../../../node_modules', import.meta.url));
  if (!existsSync(modules)) return null;
  try {
    const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const out = buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const dir = join(modules, '.cache', 'demo-data-studio');
    const file = join(dir, `shard-worker-${hash}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed, so a concurrent run never loads half a file.
      const part = `${file}.${process.pid}.part`;
      writeFileSync(part, code);
      renameSync(part, file);
    }
    return pathToFileURL(file);
  } catch {
    return null;
  }
}
