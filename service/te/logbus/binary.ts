/** The user's LogBus2 binary: found, a file, executable; and how its commands are run. */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

export class LogbusError extends Error {
  constructor(
    message: string,
    /** Raw output of the command that failed, for the user to read. */
    readonly output = '',
  ) {
    super(message);
    this.name = 'LogbusError';
  }
}

/** Resolves and checks the binary; the path comes from settings or `LOGBUS_PATH`. */
export async function checkBinary(path: string | undefined): Promise<string> {
  const given = path ?? process.env.LOGBUS_PATH;
  if (!given) throw new LogbusError('no LogBus2 binary configured: set its path in the settings or the LOGBUS_PATH environment variable.');
  const abs = resolve(given);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new LogbusError(`LogBus2 binary not found at ${abs}: download LogBus2 from ThinkingData and set its path (settings or LOGBUS_PATH).`);
  }
  if (!info.isFile()) throw new LogbusError(`${abs} is not a file; point the LogBus2 path at the 'logbus' binary itself.`);
  try {
    await access(abs, constants.X_OK);
  } catch {
    throw new LogbusError(`${abs} is not executable: run 'chmod +x ${abs}'.`);
  }
  return abs;
}

export interface CommandResult {
  code: number;
  output: string;
}

/** Runs `binary command` in `cwd` (LogBus2 must run from its own folder); never throws for exit codes. */
export function runCommand(binary: string, command: string, cwd: string, timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((done, fail) => {
    execFile(binary, [command], { cwd, timeout: timeoutMs, env: env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = `${stdout}${stderr ? (stdout ? '\n' : '') + stderr : ''}`;
      if (!err) return done({ code: 0, output });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      if (typeof e.code === 'number') return done({ code: e.code, output });
      if (e.killed) return fail(new LogbusError(`'logbus ${command}' did not finish within ${timeoutMs} ms`, output));
      if (e.code === 'EACCES') return fail(new LogbusError(`${binary} cannot be executed (permission denied).`, output));
      if (e.code === 'ENOENT') return fail(new LogbusError(`${binary} could not be started (missing binary or interpreter).`, output));
      fail(new LogbusError(`'logbus ${command}' failed: ${e.message}`, output));
    });
  });
}
