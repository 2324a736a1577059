/** One HTTP POST to a TE receiver, over a keep-alive agent, with the answer classified. */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type PostOutcome =
  /** HTTP 200 with a JSON body. */
  | { kind: 'answer'; body: Record<string, unknown> }
  /** Worth retrying: the connection failed, timed out, or the server answered 5xx/408/429. */
  | { kind: 'transient'; reason: string }
  /** Retrying cannot help: 4xx, or a 200 that is not JSON. */
  | { kind: 'permanent'; reason: string };

export interface Poster {
  post(path: string, headers: Record<string, string>, body: Buffer, signal?: AbortSignal): Promise<PostOutcome>;
  close(): void;
}

const TE_PATHS = /\/(sync_server|sync_data|sync_json|data_debug|logbus)\/?$/;

/**
 * The receiver's base URL from what a user pasted: TE's own paths and trailing slashes are dropped
 * (`https://host/sync_server` → `https://host`), any other path prefix (a reverse proxy) is kept.
 */
export function receiverBase(url: string): string {
  const u = new URL(url);
  u.pathname = u.pathname.replace(TE_PATHS, '').replace(/\/+$/, '');
  u.search = '';
  u.hash = '';
  return u.toString().replace(/\/+$/, '');
}

export function createPoster(baseUrl: string, opts: { maxSockets: number; timeoutMs: number }): Poster {
  const base = new URL(baseUrl);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`unsupported URL scheme '${base.protocol}'; use http:// or https://`);
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: opts.maxSockets }) : new HttpAgent({ keepAlive: true, maxSockets: opts.maxSockets });
  const request = secure ? httpsRequest : httpRequest;
  // Like the official SDKs, keep only scheme, host and port, and append TE's fixed path; a base
  // path (a reverse proxy prefix) is kept too.
  const prefix = base.pathname.replace(/\/+$/, '');

  return {
    post(path, headers, body, signal) {
      return new Promise<PostOutcome>((resolve) => {
        const req = request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            path: `${prefix}${path}`,
            method: 'POST',
            agent,
            headers: { ...headers, 'content-length': String(body.length) },
            timeout: opts.timeoutMs,
            signal,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', (err) => resolve({ kind: 'transient', reason: `response interrupted: ${err.message}` }));
            res.on('end', () => resolve(classify(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8'))));
          },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
        req.on('error', (err) => resolve({ kind: 'transient', reason: err.message || (err as NodeJS.ErrnoException).code || 'connection failed' }));
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

function classify(status: number, _headers: IncomingHttpHeaders, text: string): PostOutcome {
  if (status >= 500 || status === 408 || status === 429) return { kind: 'transient', reason: `HTTP ${status}` };
  if (status !== 200) return { kind: 'permanent', reason: `HTTP ${status}: ${text.slice(0, 200)}` };
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return { kind: 'answer', body: body as Record<string, unknown> };
  } catch {
    // fall through
  }
  return { kind: 'permanent', reason: `the receiver answered something that is not TE's JSON: ${text.slice(0, 200)}` };
}
