import { dummyHash, verifyPassword } from '../../auth/passwords.ts';
import { clearFailures, lockedFor, recordFailure, throttleKey } from '../../auth/throttle.ts';
import { signAccess, signRefresh, verifyRefresh } from '../../auth/tokens.ts';
import type { UserRow } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { clientInfo } from '../client-info.ts';
import type { RouteTable } from '../define.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { LoginRequestSchema, RefreshRequestSchema, TokenResponseSchema, UserSchema } from '../schemas/auth.ts';
import { userView } from '../views.ts';

async function issueTokens(deps: AppDeps, user: UserRow) {
  const now = Math.floor(deps.clock().getTime() / 1000);
  const claims = { userId: String(user.id), username: user.username, role: user.role };
  return {
    accessToken: await signAccess(deps.keys.jwt, claims, now, deps.config.accessTtlSec),
    refreshToken: await signRefresh(deps.keys.jwt, { userId: claims.userId, tokenVersion: user.token_version }, now, deps.config.refreshTtlSec),
    tokenType: 'Bearer' as const,
    expiresIn: deps.config.accessTtlSec,
    user: userView(user),
  };
}

export function authRoutes(t: RouteTable): void {
  t.add(
    { method: 'post', path: '/api/auth/login', tag: 'auth', access: 'public', summary: 'Sign in with username and password', body: LoginRequestSchema, response: { status: 200, description: 'Tokens', schema: TokenResponseSchema } },
    async (c, { body }, deps) => {
      const { ip } = clientInfo(c, deps.config.trustProxy);
      const key = throttleKey(body.username, ip);
      const now = deps.clock();
      const wait = await lockedFor(deps.db, key, now);
      if (wait > 0) {
        await audit(c, deps, { action: 'auth.login', target: body.username, outcome: 'denied', actor: { userId: null, username: body.username }, details: { reason: 'throttled' } });
        throw new ApiError(429, 'too_many_attempts', `Too many failed sign-ins for '${body.username}' from this address. Try again in ${wait} seconds.`, { retryAfterSec: wait }, { 'Retry-After': String(wait) });
      }
      const user = await deps.db.selectFrom('users').selectAll().where('username', '=', body.username).executeTakeFirst();
      const ok = user ? await verifyPassword(user.password_hash, body.password) : (await verifyPassword(await dummyHash(), body.password), false);
      if (!user || !ok || user.disabled) {
        await recordFailure(deps.db, key, now, deps.config.throttle);
        await audit(c, deps, {
          action: 'auth.login',
          target: body.username,
          outcome: 'failure',
          actor: { userId: user ? String(user.id) : null, username: body.username },
          details: { reason: !user ? 'unknown user' : user.disabled && ok ? 'disabled' : 'wrong password' },
        });
        throw new ApiError(401, 'invalid_credentials', 'The username or password is wrong (or the account is disabled).');
      }
      await clearFailures(deps.db, key);
      await audit(c, deps, { action: 'auth.login', target: user.username, outcome: 'success', actor: { userId: String(user.id), username: user.username } });
      return c.json(await issueTokens(deps, user), 200);
    },
  );

  t.add(
    { method: 'post', path: '/api/auth/refresh', tag: 'auth', access: 'public', summary: 'Exchange a refresh token for new tokens', body: RefreshRequestSchema, response: { status: 200, description: 'Tokens', schema: TokenResponseSchema } },
    async (c, { body }, deps) => {
      const r = await verifyRefresh(deps.keys.jwt, body.refreshToken, Math.floor(deps.clock().getTime() / 1000));
      if (!r.ok) throw new ApiError(401, r.reason === 'expired' ? 'token_expired' : 'invalid_token', r.reason === 'expired' ? 'The refresh token has expired; sign in again.' : 'The refresh token is not valid; sign in again.');
      const user = await deps.db.selectFrom('users').selectAll().where('id', '=', r.claims.userId).executeTakeFirst();
      if (!user || user.disabled || user.token_version !== r.claims.tokenVersion) throw new ApiError(401, 'invalid_token', 'The refresh token was revoked; sign in again.');
      return c.json(await issueTokens(deps, user), 200);
    },
  );

  t.add(
    { method: 'get', path: '/api/auth/me', tag: 'auth', access: 'viewer', summary: 'The signed-in user', response: { status: 200, description: 'User', schema: UserSchema } },
    async (c, _i, deps) => {
      const user = await deps.db.selectFrom('users').selectAll().where('id', '=', c.get('user')!.userId).executeTakeFirst();
      if (!user) throw new ApiError(401, 'invalid_token', 'Your account no longer exists; sign in again.');
      return c.json(userView(user), 200);
    },
  );
}
