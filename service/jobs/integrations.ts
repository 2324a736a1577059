/**
 * The real modules behind the service's integration points. A piece whose module is not part of
 * this build stays `unavailable` (HTTP 501 with a clear message); wiring it is one line here.
 */
import { parseWorkbook, renderWorkbook, validateTaxonomy } from '../../taxonomy/index.ts';
import type { Language } from '../../taxonomy/model.ts';
import { readWorkbookBuffer } from '../xlsx/read-workbook.ts';
import { writeWorkbookBuffer } from '../xlsx/write-workbook.ts';
import { startReceiver, type Receiver } from '../te/receiver/index.ts';
import { unavailableIntegrations, type Integrations, type SandboxReceiver } from './adapters.ts';

export function defaultIntegrations(): Integrations {
  let sandbox: Promise<SandboxReceiver> | undefined;
  return {
    ...unavailableIntegrations(),
    inspectWorkbook: async (buf) => {
      const { taxonomy, issues, layout } = parseWorkbook(await readWorkbookBuffer(buf));
      return { taxonomy, issues, layout };
    },
    validateTaxonomy,
    renderWorkbook: (t, language) => writeWorkbookBuffer(renderWorkbook(t, language as Language), { language: language as Language }),
    sandbox: () => (sandbox ??= startReceiver({ host: '127.0.0.1', port: 0 }).then(sandboxOf)),
    close: async () => {
      await (await sandbox)?.close();
    },
  };
}

function sandboxOf(r: Receiver): SandboxReceiver {
  return {
    url: r.url,
    records: async (appIds, limit) => {
      const out: { appId: string; record: unknown }[] = [];
      for (const appId of appIds) {
        for (const record of r.store.records(appId)) {
          if (out.length >= limit) return out;
          out.push({ appId, record });
        }
      }
      return out;
    },
    close: () => r.close(),
  };
}
