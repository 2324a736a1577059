/**
 * Every API route called as admin, user, viewer and anonymous. Anonymous gets 401 unless the route
 * is public; a role below the route's minimum gets 403; a role at or above it gets past the door
 * (whatever the handler then says about the dummy input, it is never 401 or 403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allows } from './define.ts';
import { createHarness, type Harness } from './test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('pglite', { name: 'roles', runner: false });
});
afterAll(async () => {
  await h?.close();
});

const CALLERS = ['admin', 'user', 'viewer', 'anonymous'] as const;
const PATH_VALUES: Record<string, string> = { runId: 'run_0000000000000000000', id: '999999' };

describe('role matrix', () => {
  it('covers every route the service registers', () => {
    expect(h.routes.length).toBeGreaterThanOrEqual(28);
  });

  it('enforces each route\'s minimum role for every caller', async () => {
    const failures: string[] = [];
    const table: string[] = [];
    for (const { spec } of h.routes) {
      const path = spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => PATH_VALUES[name] ?? 'x');
      const row: string[] = [];
      for (const caller of CALLERS) {
        const token = caller === 'anonymous' ? undefined : h.tokens[caller];
        const body = spec.method === 'get' || spec.method === 'delete' ? undefined : spec.bodyKind === 'multipart' ? new FormData() : {};
        const res = await h.call(spec.method.toUpperCase(), path, { token, body });
        await res.body?.cancel();
        const role = caller === 'anonymous' ? undefined : caller;
        const expected = spec.access === 'public' || allows(spec.access, role) ? 'pass' : role === undefined ? 401 : 403;
        const ok = expected === 'pass' ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok) failures.push(`${spec.method.toUpperCase()} ${spec.path} as ${caller}: got ${res.status}, expected ${expected}`);
        row.push(`${caller}=${res.status}`);
      }
      table.push(`${spec.method.toUpperCase()} ${spec.path} [${spec.access}] ${row.join(' ')}`);
    }
    expect(failures, table.join('\n')).toEqual([]);
  });
});
