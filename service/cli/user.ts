/** `demo-data user add NAME [--admin|--role R] [--password P]`: manage service users from a shell. */
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data user add NAME [--admin | --role admin|user|viewer] [--password PASSWORD]

Creates a user in the service database (DATABASE_URL [+ DATABASE_SCHEMA], or the embedded one in DATA_DIR; stop the
service first when it uses the embedded database). Without --password the password is read from
standard input (first line).
`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { admin: { type: 'boolean' }, role: { type: 'string' }, password: { type: 'string' }, 'data-dir': { type: 'string' } }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const [sub, name] = positionals;
  if (sub !== 'add' || !name || positionals.length !== 2) throw new CliError(`expected 'user add NAME'.\n\n${HELP}`, 2);
  const role = values.admin ? 'admin' : (values.role ?? 'user');
  if (role !== 'admin' && role !== 'user' && role !== 'viewer') throw new CliError(`--role must be admin, user or viewer (got '${role}').`, 2);
  if (values.admin && values.role && values.role !== 'admin') throw new CliError('--admin and --role disagree; give one.', 2);
  const password = values.password ?? (await readStdinLine());
  const { openDatabase } = await import('../db/open.ts');
  const { createUser, UserInputError } = await import('../auth/users.ts');
  const { DataDirLockedError } = await import('../db/dir-lock.ts');
  let database;
  try {
    database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: values['data-dir'] ?? process.env.DATA_DIR ?? './.data', schema: process.env.DATABASE_SCHEMA });
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(`${err.message} (stop the service, then add the user).`, 3);
    throw new CliError(`Cannot open the service database: ${(err as Error).message}`, 4);
  }
  try {
    const u = await createUser(database.db, { username: name, password, role });
    await database.db.insertInto('audit_logs').values({ action: 'user.create', target: u.username, outcome: 'success', ip: 'cli', details: JSON.stringify({ role, via: 'cli' }) }).execute();
    process.stdout.write(`Created ${role} '${u.username}' (id ${u.id}).\n`);
    return 0;
  } catch (err) {
    if (err instanceof UserInputError) throw new CliError(err.message, 1);
    throw err;
  } finally {
    await database.close();
  }
}
