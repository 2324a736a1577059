/** Create the taxonomy sheets in the user's language, or see how the existing ones were read. */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { WorkbookState } from '../app/use-workbook.ts';
import { errorText, useServices } from '../app/services.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { templateSheets } from '../workbook/taxonomy-sheets.ts';

const LAYOUT_LABEL: Record<string, MessageKey> = {
  canonical: 'layoutCanonical',
  'td-template': 'layoutTdTemplate',
  'td-generator': 'layoutTdGenerator',
};

export function SetupScreen({ workbook }: { workbook: WorkbookState }) {
  const { gateway, language, t } = useServices();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const snapshot = workbook.snapshot;

  const create = async () => {
    setBusy(true);
    setResult(null);
    try {
      const { templates, dropdowns } = templateSheets(language);
      const { created, kept } = await gateway.createSheets(templates, dropdowns);
      setResult({ intent: 'success', text: t('sheetsCreated', { created: created.join(', ') || '—', kept: kept.join(', ') || '—' }) });
      await workbook.refresh();
    } catch (e) {
      setResult({ intent: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const tx = snapshot?.taxonomy;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Text>{t('setupIntro')}</Text>
      {snapshot && tx && snapshot.hasTaxonomy ? (
        <Text data-testid="layout-summary">
          {t('detectedLayout', {
            layout: t(LAYOUT_LABEL[snapshot.layout] ?? 'layoutCanonical'),
            events: tx.events.length,
            properties: tx.eventProperties.length + tx.commonProperties.length + tx.userProperties.length,
            funnels: tx.funnels.length,
          })}
        </Text>
      ) : (
        <Text italic>{t('noTaxonomy')}</Text>
      )}
      <div>
        <Button appearance="primary" onClick={() => void create()} disabled={busy}>
          {busy ? t('working') : t('createSheets')}
        </Button>
      </div>
      {result && (
        <MessageBar intent={result.intent}>
          <MessageBarBody>{result.text}</MessageBarBody>
        </MessageBar>
      )}
      {workbook.error && (
        <MessageBar intent="error">
          <MessageBarBody>{workbook.error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
