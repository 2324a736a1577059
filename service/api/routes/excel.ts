import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { audit } from '../audit.ts';
import type { RouteTable } from '../define.ts';
import { ApiError } from '../errors.ts';
import { loadUserSettings } from '../../settings/store.ts';
import { DraftRequestSchema, UploadListSchema, UploadResultSchema } from '../schemas/misc.ts';
import { emptyTaxonomy, TaxonomySchema } from '../../../taxonomy/model.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A display name safe to store and echo: last path segment, printable, bounded. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return last.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
}

export function excelRoutes(t: RouteTable): void {
  t.add(
    { method: 'post', path: '/api/excel/upload', tag: 'excel', access: 'user', summary: 'Upload a taxonomy workbook (.xlsx, at most 10 MB, multipart field "file")', bodyKind: 'multipart', response: { status: 201, description: 'Stored and parsed', schema: UploadResultSchema } },
    async (c, _i, deps) => {
      const refuse = async (status: 400 | 413 | 415 | 422, code: string, message: string, name?: string) => {
        await audit(c, deps, { action: 'excel.upload', target: name ?? null, outcome: 'failure', details: { code } });
        return new ApiError(status, code, message);
      };
      if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) throw await refuse(415, 'unsupported_media_type', 'Upload the workbook as multipart/form-data with the file in a field named "file".');
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw await refuse(400, 'invalid_multipart', 'The multipart body could not be read; send the workbook in a field named "file".');
      }
      const file = form.file;
      if (!(file instanceof File)) throw await refuse(400, 'validation_failed', 'No file: send the workbook in a multipart field named "file".');
      const name = safeFileName(file.name);
      if (!/\.xlsx$/i.test(name)) throw await refuse(415, 'unsupported_file_type', `'${name}' is not an .xlsx file; save the workbook as Excel Workbook (.xlsx) and upload that.`, name);
      if (file.size > deps.config.maxUploadBytes) throw await refuse(413, 'payload_too_large', `'${name}' is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${deps.config.maxUploadBytes / 1048576} MB.`, name);
      const buf = Buffer.from(await file.arrayBuffer());
      if (buf.length < 4 || !buf.subarray(0, 4).equals(ZIP_MAGIC)) {
        throw await refuse(415, 'unsupported_file_type', `'${name}' is not really an .xlsx workbook (it is not a zip package); open it in Excel and save it as .xlsx.`, name);
      }
      let inspected;
      try {
        inspected = await deps.integrations.inspectWorkbook(buf);
      } catch (err) {
        if ((err as Error).name === 'IntegrationUnavailableError') throw err;
        throw await refuse(422, 'unreadable_workbook', `'${name}' could not be read as a workbook: ${(err as Error).message}`, name);
      }
      const id = `upl_${BigInt(`0x${randomBytes(12).toString('hex')}`).toString(36)}`;
      const dir = join(deps.config.dataDir, 'uploads');
      await mkdir(dir, { recursive: true });
      const stored = join(dir, `${id}.xlsx`);
      await writeFile(`${stored}.tmp`, buf, { mode: 0o600 });
      await rename(`${stored}.tmp`, stored);
      const userId = c.get('user')!.userId;
      const row = await deps.db
        .insertInto('uploads')
        .values({ id, user_id: userId, file_name: name, stored_path: stored, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex'), created_at: deps.clock() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(c, deps, { action: 'excel.upload', target: id, outcome: 'success', details: { fileName: name, bytes: buf.length, layout: inspected.layout } });
      return c.json({ id, fileName: name, bytes: buf.length, createdAt: new Date(row.created_at).toISOString(), layout: inspected.layout, issues: inspected.issues, events: inspected.taxonomy.events.length }, 201);
    },
  );

  t.add({ method: 'get', path: '/api/excel/list', tag: 'excel', access: 'viewer', summary: 'Your uploaded workbooks', response: { status: 200, description: 'Uploads', schema: UploadListSchema } }, async (c, _i, deps) => {
    const rows = await deps.db.selectFrom('uploads').selectAll().where('user_id', '=', c.get('user')!.userId).orderBy('created_at', 'desc').execute();
    return c.json({ uploads: rows.map((r) => ({ id: r.id, fileName: r.file_name, bytes: Number(r.bytes), createdAt: new Date(r.created_at).toISOString() })) }, 200);
  });

  t.add(
    { method: 'post', path: '/api/excel/generate', tag: 'excel', access: 'user', summary: 'Draft a taxonomy with AI and download it as a formatted .xlsx', body: DraftRequestSchema, response: { status: 200, description: 'The workbook', kind: 'binary' } },
    async (c, { body }, deps) => {
      const settings = await loadUserSettings(deps.db, deps.keys, c.get('user')!.userId);
      const draft = await deps.integrations.draft({ ...body, ai: settings.aiKeys });
      const taxonomy = draft.taxonomy ?? TaxonomySchema.parse({ ...emptyTaxonomy(), ...(draft.additions as object) });
      const xlsx = await deps.integrations.renderWorkbook(taxonomy, body.language);
      await audit(c, deps, { action: 'excel.generate', outcome: 'success', details: { events: taxonomy.events.length } });
      return new Response(new Uint8Array(xlsx), {
        status: 200,
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': 'attachment; filename="taxonomy-draft.xlsx"',
        },
      });
    },
  );
}
