/**
 * A scripted stand-in for the service in component tests: routes `fetch` calls by method and path to
 * handlers and records every request. Lives with the pane's tests; never imported by product code.
 */
export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

type Handler = (body: unknown, path: string) => Response | Promise<Response>;

export function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

export function sse(events: { event: string; data: unknown }[]): Response {
  const text = events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
  return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

export function fakeService(routes: Record<string, Handler>): { fetch: typeof fetch; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://pane.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    calls.push({ method, path: url.pathname + url.search, body, authorization: headers.get('authorization') });
    const route = Object.keys(routes).find((key) => {
      const [m, pattern] = key.split(' ');
      return m === method && new RegExp(`^${pattern!.replace(/:[a-zA-Z]+/g, '[^/]+')}$`).test(url.pathname);
    });
    if (!route) return json(404, { error: { code: 'not_found', message: `No route ${method} ${url.pathname}` } });
    return routes[route]!(body, url.pathname);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export const USER = { id: '1', username: 'ana', role: 'user', disabled: false, createdAt: '2026-01-01T00:00:00.000Z' };
export const TOKENS = { accessToken: 'access-token-1', refreshToken: 'refresh-token-1', tokenType: 'Bearer', expiresIn: 900, user: USER };

export function runSummary(id: string, status: string, progress: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    id, userId: '1', status, params: {}, progress, error: null, retentionDays: null, filesDeleted: false,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, ...extra,
  };
}
