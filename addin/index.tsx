/** Entry point: wait for Office, pick the workbook gateway, render the pane. */
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.ts';
import { App } from './app/App.tsx';
import { languageFromDisplay } from './i18n/language.ts';
import { translator } from './i18n/messages.ts';
import { MemoryGateway } from './workbook/memory-gateway.ts';
import { connectExcel } from './workbook/office-gateway.ts';

async function start(): Promise<void> {
  const excel = await connectExcel().catch(() => null);
  // Outside Excel (a plain browser tab) the pane still works, on a workbook kept in the page.
  const gateway = excel ?? new MemoryGateway([{ name: 'Sheet1', rows: [] }], navigator.language);
  const language = languageFromDisplay(gateway.displayLanguage());
  const t = translator(language);
  document.documentElement.lang = language;
  document.title = t('appTitle');
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<App services={{ gateway, api: new ApiClient(), language, t }} notice={excel ? undefined : t('outsideExcel')} />);
}

void start();
