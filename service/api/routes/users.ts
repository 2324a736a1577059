import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import { runDir } from '../../jobs/run-dir.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { createUser, UserInputError } from '../../auth/users.ts';
import { audit } from '../audit.ts';
import type { RouteTable } from '../define.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { CreateUserRequestSchema, UpdateUserRequestSchema, UserListSchema, UserSchema } from '../schemas/auth.ts';
import { IdSchema } from '../schemas/common.ts';
import { userView } from '../views.ts';
import { z } from 'zod';

const UserParams = z.strictObject({ id: IdSchema });

export function userRoutes(t: RouteTable): void {
  t.add({ method: 'get', path: '/api/users', tag: 'users', access: 'admin', summary: 'List users', response: { status: 200, description: 'Users', schema: UserListSchema } }, async (c, _i, deps) => {
    const users = await deps.db.selectFrom('users').selectAll().orderBy('id').execute();
    return c.json({ users: users.map(userView) }, 200);
  });

  t.add(
    { method: 'post', path: '/api/users', tag: 'users', access: 'admin', summary: 'Create a user', body: CreateUserRequestSchema, response: { status: 201, description: 'Created', schema: UserSchema } },
    async (c, { body }, deps) => {
      try {
        const user = await createUser(deps.db, body);
        await audit(c, deps, { action: 'user.create', target: body.username, outcome: 'success', details: { role: body.role } });
        return c.json(userView(user), 201);
      } catch (err) {
        if (err instanceof UserInputError) {
          await audit(c, deps, { action: 'user.create', target: body.username, outcome: 'failure', details: { reason: err.message } });
          throw /already exists/.test(err.message) ? conflict(err.message) : badRequest(err.message);
        }
        throw err;
      }
    },
  );

  t.add(
    { method: 'patch', path: '/api/users/:id', tag: 'users', access: 'admin', summary: 'Change a user (password, role, disabled)', params: UserParams, body: UpdateUserRequestSchema, response: { status: 200, description: 'Updated', schema: UserSchema } },
    async (c, { params, body }, deps) => {
      const me = c.get('user')!;
      const target = await deps.db.selectFrom('users').selectAll().where('id', '=', params.id).executeTakeFirst();
      if (!target) throw notFound(`User ${params.id}`);
      if (target.id === me.userId && (body.role !== undefined && body.role !== 'admin' || body.disabled === true)) {
        throw badRequest('You cannot demote or disable your own account; ask another admin.');
      }
      const set: Record<string, unknown> = { updated_at: sql`now()` };
      if (body.role) set.role = body.role;
      if (body.disabled !== undefined) set.disabled = body.disabled;
      if (body.password) set.password_hash = await hashPassword(body.password);
      // Revoke refresh tokens when credentials or access change.
      if (body.password || body.disabled || body.role) set.token_version = sql`token_version + 1`;
      const user = await deps.db.updateTable('users').set(set).where('id', '=', params.id).returningAll().executeTakeFirstOrThrow();
      await audit(c, deps, { action: 'user.update', target: user.username, outcome: 'success', details: { role: body.role, disabled: body.disabled, passwordChanged: body.password !== undefined } });
      return c.json(userView(user), 200);
    },
  );

  t.add(
    { method: 'delete', path: '/api/users/:id', tag: 'users', access: 'admin', summary: 'Delete a user and their runs', params: UserParams, response: { status: 204, description: 'Deleted' } },
    async (c, { params }, deps) => {
      if (params.id === c.get('user')!.userId) throw badRequest('You cannot delete your own account; ask another admin.');
      const busy = await deps.db.selectFrom('runs').select('id').where('user_id', '=', params.id).where('status', 'in', ['queued', 'generating', 'sending']).executeTakeFirst();
      if (busy) throw conflict(`User ${params.id} has run ${busy.id} in progress; cancel it first.`);
      const runs = await deps.db.selectFrom('runs').select('id').where('user_id', '=', params.id).execute();
      const uploads = await deps.db.selectFrom('uploads').select('stored_path').where('user_id', '=', params.id).execute();
      const user = await deps.db.deleteFrom('users').where('id', '=', params.id).returning('username').executeTakeFirst();
      if (!user) throw notFound(`User ${params.id}`);
      // Rows went with the user (ON DELETE CASCADE); their files go too.
      await Promise.all([...runs.map((r) => rm(runDir(deps.config.dataDir, r.id), { recursive: true, force: true })), ...uploads.map((u) => rm(u.stored_path, { force: true }))]);
      await audit(c, deps, { action: 'user.delete', target: user.username, outcome: 'success' });
      return c.body(null, 204);
    },
  );
}
