/**
 * Access tokens (short-lived, carry the role) and refresh tokens (longer, checked against the user's
 * token version so a password change or disable revokes them). HS256 with the derived key.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../db/schema.ts';

export const ACCESS_TTL_SEC = 15 * 60;
export const REFRESH_TTL_SEC = 7 * 24 * 3600;
const ISSUER = 'demo-data-studio';

export interface AccessClaims {
  userId: string;
  username: string;
  role: Role;
}

export interface RefreshClaims {
  userId: string;
  tokenVersion: number;
}

export type TokenFailure = 'expired' | 'invalid';

export async function signAccess(key: Uint8Array, c: AccessClaims, nowSec: number, ttl = ACCESS_TTL_SEC): Promise<string> {
  return new SignJWT({ name: c.username, role: c.role, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.userId)
    .setIssuer(ISSUER)
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + ttl)
    .sign(key);
}

export async function signRefresh(key: Uint8Array, c: RefreshClaims, nowSec: number, ttl = REFRESH_TTL_SEC): Promise<string> {
  return new SignJWT({ ver: c.tokenVersion, typ: 'refresh' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(c.userId)
    .setIssuer(ISSUER)
    .setIssuedAt(nowSec)
    .setExpirationTime(nowSec + ttl)
    .sign(key);
}

async function verifyTyped(key: Uint8Array, token: string, typ: string, nowSec: number) {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, currentDate: new Date(nowSec * 1000) });
    if (payload.typ !== typ || typeof payload.sub !== 'string') return { ok: false as const, reason: 'invalid' as TokenFailure };
    return { ok: true as const, payload };
  } catch (err) {
    return { ok: false as const, reason: (err instanceof errors.JWTExpired ? 'expired' : 'invalid') as TokenFailure };
  }
}

export async function verifyAccess(key: Uint8Array, token: string, nowSec: number): Promise<{ ok: true; claims: AccessClaims } | { ok: false; reason: TokenFailure }> {
  const r = await verifyTyped(key, token, 'access', nowSec);
  if (!r.ok) return r;
  const { sub, name, role } = r.payload;
  if (typeof name !== 'string' || (role !== 'admin' && role !== 'user' && role !== 'viewer')) return { ok: false, reason: 'invalid' };
  return { ok: true, claims: { userId: sub!, username: name, role } };
}

export async function verifyRefresh(key: Uint8Array, token: string, nowSec: number): Promise<{ ok: true; claims: RefreshClaims } | { ok: false; reason: TokenFailure }> {
  const r = await verifyTyped(key, token, 'refresh', nowSec);
  if (!r.ok) return r;
  if (typeof r.payload.ver !== 'number') return { ok: false, reason: 'invalid' };
  return { ok: true, claims: { userId: r.payload.sub!, tokenVersion: r.payload.ver } };
}
