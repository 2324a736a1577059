import { sql } from 'kysely';
import type { RouteTable } from '../define.ts';
import { AuditListSchema, AuditQuerySchema } from '../schemas/misc.ts';

export function auditRoutes(t: RouteTable): void {
  t.add(
    { method: 'get', path: '/api/audit-logs', tag: 'audit', access: 'admin', summary: 'Audit log, newest first (filters: userId, action, from, to)', query: AuditQuerySchema, response: { status: 200, description: 'Entries', schema: AuditListSchema } },
    async (c, { query }, deps) => {
      let q = deps.db.selectFrom('audit_logs');
      if (query.userId) q = q.where('user_id', '=', query.userId);
      if (query.action) q = q.where('action', '=', query.action);
      if (query.from) q = q.where('at', '>=', new Date(query.from));
      if (query.to) q = q.where('at', '<', new Date(query.to));
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
        q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return c.json(
        {
          entries: rows.map((r) => ({
            id: String(r.id),
            at: new Date(r.at).toISOString(),
            userId: r.user_id === null ? null : String(r.user_id),
            username: r.username,
            action: r.action,
            target: r.target,
            outcome: r.outcome,
            ip: r.ip,
            userAgent: r.user_agent,
            details: r.details,
          })),
          total: total.n,
        },
        200,
      );
    },
  );
}
