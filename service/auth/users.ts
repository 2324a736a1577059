/** Creating users and the first admin; shared by the service start-up and `demo-data user`. */
import type { Kysely } from 'kysely';
import type { Database, Role, UserRow } from '../db/schema.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export class UserInputError extends Error {}

export async function createUser(db: Kysely<Database>, u: { username: string; password: string; role: Role }): Promise<UserRow> {
  if (!USERNAME.test(u.username)) throw new UserInputError(`Username '${u.username}' is not allowed: use 2–64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.`);
  if (u.password.length < MIN_PASSWORD_LENGTH) throw new UserInputError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  const exists = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw new UserInputError(`A user named '${u.username}' already exists.`);
  const password_hash = await hashPassword(u.password);
  return db.insertInto('users').values({ username: u.username, password_hash, role: u.role }).returningAll().executeTakeFirstOrThrow();
}

/** Creates the first admin from the environment when the table is empty; returns whether it did. */
export async function ensureFirstAdmin(db: Kysely<Database>, username?: string, password?: string): Promise<boolean> {
  if (!username || !password) return false;
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  try {
    await createUser(db, { username, password, role: 'admin' });
    return true;
  } catch (err) {
    // Another instance created it in the meantime.
    if (/already exists|duplicate key/.test((err as Error).message)) return false;
    throw err;
  }
}
