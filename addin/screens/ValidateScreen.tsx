/** The workbook's issues, live as the user edits; a click selects the cell an issue is about. */
import { Badge, Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { formatAddress, type TaxonomyIssue } from '../../taxonomy/index.ts';
import type { WorkbookState } from '../app/use-workbook.ts';
import { errorText, useServices } from '../app/services.ts';
import { useState } from 'react';

function columnIndex(letters: string | undefined): number {
  if (!letters) return 0;
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function ValidateScreen({ workbook }: { workbook: WorkbookState }) {
  const { gateway, t } = useServices();
  const [error, setError] = useState<string | null>(null);
  const issues = workbook.snapshot?.issues ?? [];
  const errors = issues.filter((i) => i.severity === 'error').length;

  const select = async (issue: TaxonomyIssue) => {
    setError(null);
    try {
      await gateway.selectCell(issue.sheet, (issue.row ?? 1) - 1, columnIndex(issue.column));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Text>{t('validateIntro')}</Text>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Text weight="semibold" data-testid="issue-count">
          {t('errorsCount', { errors, warnings: issues.length - errors })}
        </Text>
        <Button size="small" onClick={() => void workbook.refresh()}>{t('refresh')}</Button>
      </div>
      {workbook.snapshot && issues.length === 0 && (
        <MessageBar intent="success">
          <MessageBarBody>{t('noIssues')}</MessageBarBody>
        </MessageBar>
      )}
      <ul aria-label={t('tabValidate')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {issues.map((issue, i) => (
          <li key={`${issue.code}-${i}`}>
            <button
              type="button"
              onClick={() => void select(issue)}
              style={{ all: 'unset', cursor: 'pointer', display: 'flex', gap: 6, alignItems: 'baseline', padding: '4px 2px', borderBottom: '1px solid #eee', width: '100%' }}
            >
              <Badge size="medium" appearance="tint" color={issue.severity === 'error' ? 'danger' : 'warning'} style={{ flexShrink: 0, maxWidth: 'none', overflow: 'visible' }}>{formatAddress(issue)}</Badge>
              <Text size={200}>{issue.message}</Text>
            </button>
          </li>
        ))}
      </ul>
      {(error ?? workbook.error) && (
        <MessageBar intent="error">
          <MessageBarBody>{error ?? workbook.error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
