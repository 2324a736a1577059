/** Run history: status, counts, downloads, send again, delete (with an in-pane confirmation). */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { DestinationSchema, type RunSummary } from '../../service/api/schemas/runs.ts';
import { errorText, useServices } from '../app/services.ts';

const STATUS_COLOR: Record<string, 'success' | 'danger' | 'warning' | 'informative' | 'brand'> = {
  sent: 'success', generated: 'brand', failed: 'danger', cancelled: 'warning',
};

function recordsOf(run: RunSummary): number | null {
  const records = run.progress.records;
  return typeof records === 'number' ? records : null;
}

/** Saves a Blob under a file name through a temporary link (downloads need the bearer token). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RunsScreen({ onShowInsights }: { onShowInsights: (runId: string) => void }) {
  const { api, t } = useServices();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [files, setFiles] = useState<Record<string, { path: string; bytes: number }[]>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRuns((await api.listRuns()).runs);
    } catch (e) {
      setError(errorText(e));
    }
  }, [api]);

  useEffect(() => void load(), [load]);

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const showFiles = (id: string) => act(async () => setFiles({ ...files, [id]: (await api.runFiles(id)).files }));
  const download = (id: string, path: string) => act(async () => saveBlob(await api.download(id, path), `${id}-${path.split('/').pop() ?? 'data'}`));
  const resend = (id: string) =>
    act(async () => {
      const detail = await api.run(id);
      const destination = DestinationSchema.safeParse(detail.destination);
      await api.resend(id, destination.success ? destination.data : { kind: 'sandbox' });
      await load();
    });
  const remove = (id: string) =>
    act(async () => {
      await api.deleteRun(id);
      setConfirming(null);
      await load();
    });

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text>{t('runsIntro')}</Text>
        <Button size="small" onClick={() => void load()}>{t('refresh')}</Button>
      </div>
      {runs && runs.length === 0 && <Text italic>{t('noRuns')}</Text>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
        {runs?.map((run) => (
          <li key={run.id} data-testid="run-row" style={{ border: '1px solid #e0e0e0', borderRadius: 4, padding: 6, display: 'flex', flexDirection: 'column', gap: 4 }}>
            <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
              <Badge color={STATUS_COLOR[run.status] ?? 'informative'}>{run.status}</Badge>
              <Text size={200}>{new Date(run.createdAt).toLocaleString()}</Text>
              {recordsOf(run) !== null && <Text size={200}>{t('records')}: {recordsOf(run)!.toLocaleString()}</Text>}
            </div>
            {run.error && <Text size={200} style={{ color: '#a4262c' }}>{run.error}</Text>}
            <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
              <Button size="small" onClick={() => onShowInsights(run.id)} disabled={!['generated', 'sending', 'sent'].includes(run.status)}>{t('tabInsights')}</Button>
              <Button size="small" onClick={() => void showFiles(run.id)} disabled={run.filesDeleted}>{t('download')}</Button>
              <Button size="small" onClick={() => void resend(run.id)} disabled={!['generated', 'sent', 'failed'].includes(run.status) || run.filesDeleted}>{t('resend')}</Button>
              {confirming === run.id ? (
                <>
                  <Text size={200}>{t('confirmDelete')}</Text>
                  <Button size="small" appearance="primary" onClick={() => void remove(run.id)}>{t('confirm')}</Button>
                  <Button size="small" onClick={() => setConfirming(null)}>{t('cancel')}</Button>
                </>
              ) : (
                <Button size="small" onClick={() => setConfirming(run.id)}>{t('delete')}</Button>
              )}
            </div>
            {files[run.id] && (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {files[run.id]!.map((f) => (
                  <li key={f.path}>
                    <Button size="small" appearance="transparent" onClick={() => void download(run.id, f.path)}>{f.path}</Button>
                    <Text size={100}>{(f.bytes / 1024).toFixed(1)} KB</Text>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
