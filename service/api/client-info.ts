import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** The caller's IP (socket address; the forwarded header only when configured) and user agent. */
export function clientInfo(c: Context, trustProxy: boolean): { ip: string; userAgent: string | null } {
  let ip: string | undefined;
  if (trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address;
    } catch {
      // app.request() in tests has no socket.
    }
  }
  return { ip: ip || 'local', userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null };
}
