/**
 * Browser entry of the fake Excel, bundled by the browser test and run in the page right after
 * office.js and before the pane's bundle: it takes the place of the Excel host, so the real
 * `office-gateway.ts` runs against it. The test drives the "user" through `window.__fakeExcel`.
 */
import { createFakeExcel } from './index.ts';

const page = globalThis as unknown as Record<string, unknown> & { __fakeExcelOptions?: { displayLanguage?: string } };
const host = createFakeExcel({ sheets: [{ name: 'Sheet1' }], displayLanguage: page.__fakeExcelOptions?.displayLanguage ?? 'en-US' });
// Fixed, so nothing office.js does later (it keeps loading after its first script) can swap them back.
for (const [name, value] of [['Excel', host.Excel], ['Office', host.Office], ['__fakeExcel', host]] as const) {
  Object.defineProperty(page, name, { value, writable: false, configurable: false });
}
