import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.ts';
import { openDatabase } from '../db/open.ts';

const URL_ = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BIN = fileURLToPath(new URL('../../bin/demo-data.js', import.meta.url));
const schema = `t_usercli_${process.pid}`;

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, 'user', ...args], { input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: URL_, DATABASE_SCHEMA: schema } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(async () => {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
});

it('adds an admin with the password from stdin, refuses duplicates and bad usage', async () => {
  const added = cli(['add', 'chief', '--admin'], 'chief-password-1\n');
  expect(added.err).toBe('');
  expect(added.out).toMatch(/Created admin 'chief'/);
  const database = await openDatabase({ url: URL_, schema, poolSize: 1 });
  const u = await database.db.selectFrom('users').selectAll().where('username', '=', 'chief').executeTakeFirstOrThrow();
  expect(u.role).toBe('admin');
  expect(await verifyPassword(u.password_hash, 'chief-password-1')).toBe(true);
  await database.close();

  const dup = cli(['add', 'chief', '--password', 'another-password']);
  expect({ code: dup.code, err: dup.err }).toEqual({ code: 1, err: "demo-data user: A user named 'chief' already exists.\n" });
  expect(cli(['add', 'x y', '--password', 'whatever-password']).code).toBe(1);
  expect(cli(['add', 'sam', '--role', 'root', '--password', 'whatever-password']).code).toBe(2);
  expect(cli(['remove', 'sam']).code).toBe(2);
}, 60_000);
