/** The OpenAPI 3.1 document, built from the route table's zod schemas. */
import { z } from 'zod';
import type { RegisteredRoute } from './define.ts';
import { ErrorBodySchema } from './schemas/common.ts';

function jsonSchema(s: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  } catch {
    return {};
  }
}

function paramsOf(r: RegisteredRoute['spec']) {
  const out: unknown[] = [];
  for (const m of r.path.matchAll(/:([A-Za-z]+)/g)) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (r.query) {
    const js = jsonSchema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) out.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema });
  }
  return out;
}

export function buildOpenApi(routes: readonly RegisteredRoute[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } } };
  for (const { spec } of routes) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const res = spec.response;
    const content =
      res.kind === 'sse' ? { 'text/event-stream': {} } : res.kind === 'binary' ? { 'application/octet-stream': {} } : res.schema ? { 'application/json': { schema: jsonSchema(res.schema, 'output') } } : { 'application/json': {} };
    const op: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag],
      operationId: `${spec.method}${spec.path.replace(/[/:-](\w)/g, (_m, ch: string) => ch.toUpperCase()).replace(/\W/g, '')}`,
      parameters: paramsOf(spec),
      responses: { [String(res.status)]: { description: res.description, ...(res.status === 204 ? {} : { content }) }, default: error },
      'x-min-role': spec.access,
    };
    if (spec.access !== 'public') op.security = [{ bearer: [] }];
    if (spec.body && spec.bodyKind !== 'multipart') op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } };
    if (spec.bodyKind === 'multipart') {
      op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } };
    }
    (paths[path] ??= {})[spec.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Demo Data Studio API', version, description: 'Errors are always `{ "error": { "code", "message", "details" } }`.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

/** A self-contained docs page (no external scripts): fetches the document and lists the operations. */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo Data Studio API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:24px;color:#1b1b1b}
h1{font-size:22px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ddd}
details{border:1px solid #e3e3e3;border-radius:6px;margin:6px 0;padding:6px 10px}
summary{cursor:pointer}code{background:#f4f4f4;padding:1px 4px;border-radius:3px}
.m{display:inline-block;min-width:58px;font-weight:600;text-transform:uppercase}
.get{color:#0b6e4f}.post{color:#1f5fbf}.put,.patch{color:#9a6700}.delete{color:#b42318}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:320px}.role{color:#666;font-size:12px}
</style></head><body>
<h1>Demo Data Studio API</h1>
<p>Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a>. Sign in with <code>POST /api/auth/login</code> and send <code>Authorization: Bearer &lt;accessToken&gt;</code>.</p>
<div id="ops">Loading…</div>
<script>
fetch('/api/openapi.json').then(function(r){return r.json()}).then(function(doc){
  var byTag={};
  Object.keys(doc.paths).forEach(function(p){Object.keys(doc.paths[p]).forEach(function(m){
    var op=doc.paths[p][m];(byTag[op.tags[0]]=byTag[op.tags[0]]||[]).push({p:p,m:m,op:op});});});
  var root=document.getElementById('ops');root.textContent='';
  Object.keys(byTag).forEach(function(tag){
    var h=document.createElement('h2');h.textContent=tag;root.appendChild(h);
    byTag[tag].forEach(function(e){
      var d=document.createElement('details');var s=document.createElement('summary');
      var m=document.createElement('span');m.className='m '+e.m;m.textContent=e.m;
      var c=document.createElement('code');c.textContent=e.p;
      var t=document.createElement('span');t.textContent=' '+e.op.summary+' ';
      var r=document.createElement('span');r.className='role';r.textContent='('+e.op['x-min-role']+')';
      s.appendChild(m);s.appendChild(c);s.appendChild(t);s.appendChild(r);d.appendChild(s);
      var pre=document.createElement('pre');
      pre.textContent=JSON.stringify({parameters:e.op.parameters,requestBody:e.op.requestBody,responses:e.op.responses},null,2);
      d.appendChild(pre);root.appendChild(d);});});
}).catch(function(err){document.getElementById('ops').textContent='Could not load the document: '+err;});
</script></body></html>`;
