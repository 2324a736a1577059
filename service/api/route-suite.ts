/**
 * The route tests, run once on PGlite and once on the real PostgreSQL (see app.*.test.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { SignJWT } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type DbKind, type Harness, tinyTaxonomy, waitForStatus } from './test-support.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PARAMS = { startDate: '2026-01-01', days: 3, dau: 5, seed: 7 };

export function routeSuite(kind: DbKind): void {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { name: `routes_${kind}` });
  });
  afterAll(async () => {
    await h?.close();
  });

  const json = async (res: Response) => (await res.json()) as Json;
  const expectError = async (res: Response, status: number, code: string) => {
    const body = await json(res);
    expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
    expect(typeof body.error.message).toBe('string');
    return body;
  };

  describe('basics', () => {
    it('reports health with the database reachable', async () => {
      const res = await h.call('GET', '/health');
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ status: 'ok', database: true, version: 'test' });
    });

    it('publishes an OpenAPI document listing every route, and a docs page without external scripts', async () => {
      const doc = await json(await h.call('GET', '/api/openapi.json'));
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.paths['/api/runs/{runId}'].delete['x-min-role']).toBe('user');
      expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(25);
      const page = await (await h.call('GET', '/api/docs')).text();
      expect(page).toContain('/api/openapi.json');
      expect(page).not.toMatch(/<script[^>]+src=/);
    });

    it('answers unknown paths with 404 and wrong methods with 405 in the one error shape', async () => {
      await expectError(await h.call('GET', '/api/nope', { token: h.tokens.admin }), 404, 'not_found');
      const res = await h.call('PATCH', '/api/runs/list', { token: h.tokens.admin });
      await expectError(res, 405, 'method_not_allowed');
      expect(res.headers.get('allow')).toBe('GET');
    });

    it('allows CORS only for configured origins', async () => {
      const ok = await h.call('OPTIONS', '/api/auth/login', { headers: { origin: 'https://allowed.example', 'access-control-request-method': 'POST' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
      const bad = await h.call('OPTIONS', '/api/auth/login', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('auth', () => {
    it('signs in, refreshes and answers /me', async () => {
      const login = await json(await h.call('POST', '/api/auth/login', { body: { username: 'user1', password: 'user-password-1' } }));
      expect(login.user).toMatchObject({ username: 'user1', role: 'user' });
      const me = await json(await h.call('GET', '/api/auth/me', { token: login.accessToken }));
      expect(me.username).toBe('user1');
      const refreshed = await json(await h.call('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } }));
      expect(refreshed.user.id).toBe(me.id);
      // An access token is not a refresh token.
      await expectError(await h.call('POST', '/api/auth/refresh', { body: { refreshToken: login.accessToken } }), 401, 'invalid_token');
    });

    it('throttles after repeated failures per username and address, and audits them', async () => {
      for (let i = 0; i < 3; i++) await expectError(await h.call('POST', '/api/auth/login', { body: { username: 'viewer1', password: 'wrong-password' } }), 401, 'invalid_credentials');
      const locked = await h.call('POST', '/api/auth/login', { body: { username: 'viewer1', password: 'viewer-password-1' } });
      await expectError(locked, 429, 'too_many_attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      const audit = await json(await h.call('GET', '/api/audit-logs?action=auth.login&limit=10', { token: h.tokens.admin }));
      const outcomes = audit.entries.filter((e: Json) => e.target === 'viewer1').map((e: Json) => e.outcome);
      expect(outcomes).toEqual(['denied', 'failure', 'failure', 'failure']);
    });

    it('refuses tampered and expired tokens, and audits the tampered one', async () => {
      const [head, payload, sig] = h.tokens.user.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin' })).toString('base64url');
      await expectError(await h.call('GET', '/api/users', { token: `${head}.${forged}.${sig}` }), 401, 'invalid_token');
      const expired = await new SignJWT({ name: 'user1', role: 'user', typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(h.userIds.user)
        .setIssuer('demo-data-studio')
        .setIssuedAt(1_000)
        .setExpirationTime(2_000)
        .sign(h.deps.keys.jwt);
      await expectError(await h.call('GET', '/api/runs/list', { token: expired }), 401, 'token_expired');
      const audit = await json(await h.call('GET', '/api/audit-logs?action=auth.token', { token: h.tokens.admin }));
      expect(audit.entries.length).toBeGreaterThanOrEqual(1);
      expect(audit.entries[0]).toMatchObject({ outcome: 'denied', target: '/api/users' });
    });

    it('keeps viewers read-only and admin routes for admins', async () => {
      await expectError(await h.call('POST', '/api/generate/start', { token: h.tokens.viewer, body: { taxonomy: tinyTaxonomy(), params: PARAMS } }), 403, 'forbidden');
      await expectError(await h.call('GET', '/api/users', { token: h.tokens.user }), 403, 'forbidden');
      await expectError(await h.call('GET', '/api/audit-logs', { token: h.tokens.viewer }), 403, 'forbidden');
    });
  });

  describe('bad input', () => {
    it('refuses malformed JSON, wrong content type, unknown fields and wrong types with field paths', async () => {
      await expectError(await h.call('POST', '/api/auth/login', { body: '{"username": "a",', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
      await expectError(await h.call('POST', '/api/auth/login', { body: 'username=a', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
      const unknown = await expectError(await h.call('POST', '/api/auth/login', { body: { username: 'a', password: 'b', admin: true } }), 400, 'validation_failed');
      expect(unknown.error.message).toContain("'admin'");
      const wrong = await expectError(await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: { ...PARAMS, days: 'three' } } }), 400, 'validation_failed');
      expect(wrong.error.details.map((d: Json) => d.path)).toContain('body.params.days');
    });

    it('refuses an oversized body with 413', async () => {
      const big = { username: 'x', password: 'y'.repeat(6 * 1024 * 1024) };
      await expectError(await h.call('POST', '/api/auth/login', { body: big }), 413, 'payload_too_large');
    });

    it('refuses a taxonomy with errors with 422 and the issues', async () => {
      const t = tinyTaxonomy();
      t.events[0]!.name = '1bad name';
      const body = await expectError(await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: t, params: PARAMS } }), 422, 'taxonomy_invalid');
      expect(body.error.details.issues[0].path).toBe('events[0].name');
    });

    it('refuses a fake .xlsx, a wrong extension and a missing file, and audits the upload failure', async () => {
      const form = (name: string, content: Uint8Array | string) => {
        const f = new FormData();
        f.set('file', new File([content], name));
        return f;
      };
      await expectError(await h.call('POST', '/api/excel/upload', { token: h.tokens.user, body: form('taxonomy.xlsx', '<html>not a workbook</html>') }), 415, 'unsupported_file_type');
      await expectError(await h.call('POST', '/api/excel/upload', { token: h.tokens.user, body: form('../../etc/passwd', 'root:x') }), 415, 'unsupported_file_type');
      const empty = new FormData();
      empty.set('other', 'x');
      await expectError(await h.call('POST', '/api/excel/upload', { token: h.tokens.user, body: empty }), 400, 'validation_failed');
      const audit = await json(await h.call('GET', '/api/audit-logs?action=excel.upload', { token: h.tokens.admin }));
      expect(audit.entries.filter((e: Json) => e.outcome === 'failure').length).toBe(3);
    });
  });

  describe('runs', () => {
    let runId: string;

    it('generates a run off the request path, streaming progress by SSE', async () => {
      const res = await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: PARAMS } });
      expect(res.status).toBe(202);
      runId = (await json(res)).runId;
      const sse = await h.call('GET', `/api/generate/events/${runId}`, { token: h.tokens.user });
      expect(sse.headers.get('content-type')).toContain('text/event-stream');
      const text = await sse.text();
      const events = [...text.matchAll(/event: progress\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as Json);
      expect(events.at(-1)!.status).toBe('generated');
      expect(text).toContain('event: end');
      const run = await json(await h.call('GET', `/api/runs/${runId}`, { token: h.tokens.user }));
      expect(run.manifest.counts.records).toBe(15);
    });

    it('lists and serves the run\'s files, and refuses path traversal', async () => {
      const files = await json(await h.call('GET', `/api/runs/${runId}/files`, { token: h.tokens.user }));
      expect(files.files.map((f: Json) => f.path)).toEqual(['data/2026-01-01.jsonl', 'data/2026-01-02.jsonl', 'data/2026-01-03.jsonl']);
      const dl = await h.call('GET', `/api/runs/${runId}/download?path=data/2026-01-02.jsonl`, { token: h.tokens.user });
      expect(dl.status).toBe(200);
      expect((await dl.text()).trim().split('\n')).toHaveLength(5);
      for (const p of ['../../../etc/passwd', 'data/../../secret.key', '/etc/passwd', 'data%2F..%2F..%2Fsecret.key']) {
        await expectError(await h.call('GET', `/api/runs/${runId}/download?path=${encodeURIComponent(p)}`, { token: h.tokens.user }), 404, 'not_found');
      }
      const insights = await json(await h.call('GET', `/api/runs/${runId}/insights`, { token: h.tokens.user }));
      expect(insights.dau).toBe(5);
    });

    it('hides a run from another user (404, audited) but shows it to an admin', async () => {
      await expectError(await h.call('GET', `/api/runs/${runId}`, { token: h.otherToken }), 404, 'not_found');
      await expectError(await h.call('GET', `/api/runs/${runId}/download?path=data/2026-01-01.jsonl`, { token: h.otherToken }), 404, 'not_found');
      const other = await json(await h.call('GET', '/api/runs/list', { token: h.otherToken }));
      expect(other.runs).toEqual([]);
      const admin = await json(await h.call('GET', '/api/runs/list', { token: h.tokens.admin }));
      expect(admin.runs.map((r: Json) => r.id)).toContain(runId);
      const audit = await json(await h.call('GET', `/api/audit-logs?action=run.read&userId=${h.userIds.other}`, { token: h.tokens.admin }));
      expect(audit.entries[0]).toMatchObject({ target: runId, outcome: 'denied' });
    });

    it('sets retention, refuses deleting an active run, deletes a finished one with its files', async () => {
      const r = await json(await h.call('PUT', `/api/runs/${runId}/retention`, { token: h.tokens.user, body: { retentionDays: 3 } }));
      expect(r.retentionDays).toBe(3);
      expect((await h.call('DELETE', `/api/runs/${runId}`, { token: h.tokens.user })).status).toBe(204);
      await expectError(await h.call('GET', `/api/runs/${runId}`, { token: h.tokens.user }), 404, 'not_found');
      expect(await readdir(`${h.dataDir}/runs`)).not.toContain(runId);
    });

    it('cancels a running generation', async () => {
      const { runId: id } = await json(await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: { ...PARAMS, days: 300 } } }));
      await waitForStatus(h, id, ['generating'], h.tokens.user);
      const res = await h.call('POST', `/api/runs/${id}/cancel`, { token: h.tokens.user });
      expect(res.status).toBe(202);
      const done = await waitForStatus(h, id, ['cancelled'], h.tokens.user);
      expect(done.error).toMatch(/Cancelled/);
      await expectError(await h.call('DELETE', `/api/runs/${id}`, { token: h.tokens.viewer }), 403, 'forbidden');
      await expectError(await h.call('POST', `/api/runs/${id}/cancel`, { token: h.tokens.user }), 409, 'conflict');
    });

    it('needs a destination it can resolve before sending', async () => {
      const body = await expectError(await h.call('POST', '/api/generate-and-send', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: PARAMS, destination: { kind: 'http' } } }), 400, 'bad_request');
      expect(body.error.message).toMatch(/receiver URL/);
    });
  });

  describe('settings and users', () => {
    it('stores AI keys encrypted and shows only a masked suffix', async () => {
      const view = await json(await h.call('POST', '/api/settings', { token: h.tokens.user, body: { aiProvider: 'anthropic', aiKey: 'sk-ant-secret-1234abcd', teAppId: 'app-9876', runRetentionDays: 7 } }));
      expect(view.aiKey).toEqual({ set: true, masked: '••••abcd' });
      expect(view.runRetentionDays).toBe(7);
      const row = await h.deps.db.selectFrom('user_settings').select(['secrets']).where('user_id', '=', h.userIds.user).executeTakeFirstOrThrow();
      expect(JSON.stringify(row.secrets)).not.toContain('secret-1234');
      const cleared = await json(await h.call('POST', '/api/settings', { token: h.tokens.user, body: { aiKey: null } }));
      expect(cleared.aiKey).toEqual({ set: false, masked: null });
      expect(cleared.teAppId.set).toBe(true);
      await expectError(await h.call('POST', '/api/settings', { token: h.tokens.viewer, body: { aiModel: 'x' } }), 403, 'forbidden');
    });

    it('lets admins manage users, audited, and revokes refresh tokens on password change', async () => {
      const created = await h.call('POST', '/api/users', { token: h.tokens.admin, body: { username: 'newbie', password: 'newbie-password', role: 'viewer' } });
      expect(created.status).toBe(201);
      const u = await json(created);
      await expectError(await h.call('POST', '/api/users', { token: h.tokens.admin, body: { username: 'newbie', password: 'newbie-password' } }), 409, 'conflict');
      const login = await json(await h.call('POST', '/api/auth/login', { body: { username: 'newbie', password: 'newbie-password' } }));
      const patched = await json(await h.call('PATCH', `/api/users/${u.id}`, { token: h.tokens.admin, body: { role: 'user', password: 'another-password' } }));
      expect(patched.role).toBe('user');
      await expectError(await h.call('POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } }), 401, 'invalid_token');
      await expectError(await h.call('PATCH', `/api/users/${h.userIds.admin}`, { token: h.tokens.admin, body: { role: 'viewer' } }), 400, 'bad_request');
      expect((await h.call('DELETE', `/api/users/${u.id}`, { token: h.tokens.admin })).status).toBe(204);
      const audit = await json(await h.call('GET', '/api/audit-logs?action=user.update', { token: h.tokens.admin }));
      expect(audit.entries[0]).toMatchObject({ target: 'newbie', outcome: 'success', username: 'admin1' });
    });

    it('paginates and filters the audit log by time', async () => {
      const all = await json(await h.call('GET', '/api/audit-logs?limit=2&offset=1', { token: h.tokens.admin }));
      expect(all.entries).toHaveLength(2);
      expect(all.total).toBeGreaterThan(3);
      const future = await json(await h.call('GET', `/api/audit-logs?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { token: h.tokens.admin }));
      expect(future.total).toBe(0);
      await expectError(await h.call('GET', '/api/audit-logs?from=yesterday', { token: h.tokens.admin }), 400, 'validation_failed');
    });
  });

  it('keeps migrations idempotent', async () => {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(h.deps.db);
    const files = (await readdir(new URL('../../migrations/', import.meta.url))).filter((f) => f.endsWith('.sql'));
    expect(r.rows[0]!.n).toBe(files.length);
    expect(await readFile(new URL('../../migrations/0001_init.sql', import.meta.url), 'utf8')).toContain('CREATE TABLE jobs');
  });
}
