/** `demo-data serve`: the HTTP service and the task pane, until SIGINT/SIGTERM. */
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data serve [--port N] [--host ADDR] [--data-dir DIR]

Serves the API under /api and the built task pane (dist/addin) at /.
Environment: PORT, HOST (default 127.0.0.1), DATA_DIR (default ./.data), DATABASE_URL (PostgreSQL;
without it an embedded database in DATA_DIR), ADMIN_USERNAME / ADMIN_PASSWORD (first admin when no
user exists), DEMO_DATA_SECRET (else a key file in DATA_DIR), CORS_ORIGINS (comma-separated).
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } }, HELP);
  if (!parsed) return 0;
  const { values } = parsed;
  const { readEnv, startService } = await import('../server.ts');
  const { DataDirLockedError } = await import('../db/dir-lock.ts');
  let env;
  try {
    env = readEnv({ ...process.env, ...(values.port ? { PORT: values.port } : {}), ...(values.host ? { HOST: values.host } : {}), ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}) });
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  let service;
  try {
    service = await startService({ env });
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, 3);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${env.PORT} is in use; pick another with PORT or --port.`, 2);
    if (code === 'ECONNREFUSED') throw new CliError(`Cannot reach the database at DATABASE_URL; check that PostgreSQL is running.`, 4);
    throw err;
  }
  process.stdout.write(`Demo Data Studio at ${service.url} (API docs: ${service.url}/api/docs)\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  return 0;
}
