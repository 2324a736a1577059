/** What every screen is handed: the workbook, the service, and the texts in the user's language. */
import { createContext, useContext } from 'react';
import type { Language } from '../../taxonomy/model.ts';
import type { ApiClient } from '../api/client.ts';
import type { Translate } from '../i18n/messages.ts';
import type { WorkbookGateway } from '../workbook/gateway.ts';

export interface PaneServices {
  gateway: WorkbookGateway;
  api: ApiClient;
  language: Language;
  t: Translate;
}

export const ServicesContext = createContext<PaneServices | null>(null);

export function useServices(): PaneServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <App>');
  return services;
}

/** A user-facing sentence from anything thrown (service errors already carry one). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
