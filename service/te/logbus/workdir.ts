/**
 * One LogBus2 working directory per destination (push URL + app id): its `runtime/` offsets then
 * describe exactly what that destination received, and a lock makes sure two sends to the same
 * destination never run LogBus2 on the same paths at once.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LogbusError } from './binary.ts';

export function defaultLogbusRoot(): string {
  return join(homedir(), '.demo-data', 'logbus');
}

export function workDirFor(root: string, dest: { url: string; appId: string }): string {
  const id = createHash('sha256').update(`${dest.url}\n${dest.appId}`).digest('hex').slice(0, 16);
  const safeApp = dest.appId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return join(root, `${safeApp}-${id}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the destination's lock; a lock left by a dead process is taken over. Returns the release. */
export async function lockWorkDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'driver.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new LogbusError(`another send to this destination is running (process ${owner}); wait for it to finish. LogBus2 must never watch the same files twice.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new LogbusError(`cannot take the lock ${file}`);
}
