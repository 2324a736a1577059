/** Taxonomy validation, AI helpers for the task pane, and what the sandbox receiver holds. */
import { TaxonomySchema } from '../../../taxonomy/model.ts';
import type { TaxonomyIssue } from '../../../taxonomy/issues.ts';
import { sandboxAppId } from '../../jobs/destination.ts';
import { loadUserSettings } from '../../settings/store.ts';
import type { RouteTable } from '../define.ts';
import { AnalyzeRequestSchema, DraftRequestSchema, SandboxQuerySchema, SuggestPropertiesRequestSchema, ValidateRequestSchema, ValidateResponseSchema } from '../schemas/misc.ts';
import { hasErrors } from '../../../taxonomy/issues.ts';
import { notFound } from '../errors.ts';

const SHEET_OF: Record<string, string> = { product: 'Product', events: 'Events', eventProperties: 'Event Properties', commonProperties: 'Common Properties', userProperties: 'User Properties', funnels: 'Funnels' };

export function assistRoutes(t: RouteTable): void {
  t.add(
    { method: 'post', path: '/api/taxonomy/validate', tag: 'taxonomy', access: 'viewer', summary: 'Check a taxonomy; issues carry field paths', body: ValidateRequestSchema, response: { status: 200, description: 'Issues', schema: ValidateResponseSchema } },
    async (c, { body }, deps) => {
      const parsed = TaxonomySchema.safeParse(body.taxonomy);
      if (!parsed.success) {
        const issues: TaxonomyIssue[] = parsed.error.issues.map((i) => ({
          severity: 'error',
          code: 'schema.invalid',
          sheet: SHEET_OF[String(i.path[0])] ?? 'Product',
          path: i.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? String(p) : `.${String(p)}`)).join(''),
          message: i.message,
        }));
        return c.json({ valid: false, issues }, 200);
      }
      const issues = deps.integrations.validateTaxonomy(parsed.data);
      return c.json({ valid: !hasErrors(issues), issues }, 200);
    },
  );

  t.add({ method: 'post', path: '/api/ai/draft', tag: 'ai', access: 'user', summary: 'Draft taxonomy additions from a product description', body: DraftRequestSchema, response: { status: 200, description: 'Additions to merge' } }, async (c, { body }, deps) => {
    const settings = await loadUserSettings(deps.db, deps.keys, c.get('user')!.userId);
    return c.json(await deps.integrations.draft({ ...body, ai: settings.aiKeys }), 200);
  });

  t.add({ method: 'post', path: '/api/ai/suggest-properties', tag: 'ai', access: 'user', summary: 'Suggest properties for one event', body: SuggestPropertiesRequestSchema, response: { status: 200, description: 'Suggestions' } }, async (c, { body }, deps) => {
    if (!body.taxonomy.events.some((e) => e.name === body.event)) throw notFound(`Event '${body.event}' in the taxonomy`);
    const settings = await loadUserSettings(deps.db, deps.keys, c.get('user')!.userId);
    return c.json(await deps.integrations.suggestProperties({ ...body, ai: settings.aiKeys }) as object, 200);
  });

  t.add({ method: 'post', path: '/api/ai/analyze', tag: 'ai', access: 'user', summary: 'Analyse a taxonomy into generation rules (AI, cached; offline fallback)', body: AnalyzeRequestSchema, response: { status: 200, description: 'Rules' } }, async (c, { body }, deps) => {
    const settings = await loadUserSettings(deps.db, deps.keys, c.get('user')!.userId);
    return c.json(await deps.integrations.analyze({ taxonomy: body.taxonomy, mode: 'ai', ai: settings.aiKeys }) as object, 200);
  });

  t.add({ method: 'get', path: '/api/sandbox/records', tag: 'sandbox', access: 'viewer', summary: 'Records the sandbox receiver accepted for your runs', query: SandboxQuerySchema, response: { status: 200, description: 'Records' } }, async (c, { query }, deps) => {
    const user = c.get('user')!;
    let q = deps.db.selectFrom('runs').select('id');
    if (user.role !== 'admin') q = q.where('user_id', '=', user.userId);
    if (query.runId) q = q.where('id', '=', query.runId);
    const runs = await q.execute();
    if (query.runId && runs.length === 0) throw notFound(`Run ${query.runId}`);
    const receiver = await deps.integrations.sandbox();
    const records = await receiver.records(runs.map((r) => sandboxAppId(r.id)), query.limit);
    return c.json({ records }, 200);
  });
}
