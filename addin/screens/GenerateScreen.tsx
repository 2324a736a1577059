/**
 * One click: validate the sheets, submit the taxonomy (read through the gateway), generate, send;
 * a progress bar per phase from the service's event stream, cancel, and a clear result.
 */
import { useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Text } from '@fluentui/react-components';
import { hasErrors } from '../../taxonomy/index.ts';
import type { Destination, RunSummary } from '../../service/api/schemas/runs.ts';
import { PHASES, initialPhases, phasesForRun, type PhaseName, type Phases } from '../app/run-phases.ts';
import type { WorkbookState } from '../app/use-workbook.ts';
import { errorText, useServices } from '../app/services.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { calibrationWarningsOf, countsOf } from '../api/run-manifest.ts';

const PHASE_LABEL: Record<PhaseName, MessageKey> = { validate: 'phaseValidate', submit: 'phaseSubmit', generate: 'phaseGenerate', send: 'phaseSend' };
type DestKind = Destination['kind'];
const DEST_LABEL: Record<DestKind, MessageKey> = { sandbox: 'destSandbox', http: 'destHttp', logbus: 'destLogbus' };

/** `warnings`: targets calibration expects the run to miss, and why. */
type Outcome = { intent: 'success' | 'error' | 'warning'; text: string; runId?: string; warnings?: string[] };

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function GenerateScreen({ workbook, onShowInsights }: { workbook: WorkbookState; onShowInsights: (runId: string) => void }) {
  const { api, t } = useServices();
  const product = workbook.snapshot?.taxonomy.product;
  const [startDate, setStartDate] = useState(product?.startDate || today());
  const [days, setDays] = useState(String(product?.days ?? 7));
  const [dau, setDau] = useState(String(product?.targetDau ?? 500));
  const [seed, setSeed] = useState(String(product?.seed ?? 1));
  const percent = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v * 1000) / 10));
  const [d1, setD1] = useState(percent(product?.targets.d1));
  const [d7, setD7] = useState(percent(product?.targets.d7));
  const [kind, setKind] = useState<DestKind>('sandbox');
  const [url, setUrl] = useState('');
  const [appId, setAppId] = useState('');
  const [phases, setPhases] = useState<Phases>(initialPhases());
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const runId = useRef<string | null>(null);

  const destination = (): Destination => {
    const common = appId.trim() === '' ? {} : { appId: appId.trim() };
    if (kind === 'sandbox') return { kind, ...common };
    return { kind, ...common, ...(url.trim() === '' ? {} : { url: url.trim() }) };
  };

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    runId.current = null;
    setRunning(true);
    setOutcome(null);
    let state: Phases = { ...initialPhases(), validate: { status: 'running', fraction: 0 } };
    const show = (next: Phases) => {
      state = next;
      setPhases(next);
    };
    show(state);
    try {
      const snapshot = await workbook.refresh();
      if (!snapshot) throw new Error(workbook.error ?? t('noTaxonomy'));
      if (hasErrors(snapshot.issues)) {
        show({ ...state, validate: { status: 'failed', fraction: 1 } });
        setOutcome({ intent: 'error', text: t('fixErrorsFirst', { errors: snapshot.issues.filter((i) => i.severity === 'error').length }) });
        return;
      }
      show({ ...state, validate: { status: 'done', fraction: 1 }, submit: { status: 'running', fraction: 0 } });
      // Targets typed here apply to this run; the sheet keeps what the user wrote.
      const taxonomy = structuredClone(snapshot.taxonomy);
      if (d1.trim() !== '') taxonomy.product.targets.d1 = Number(d1) / 100;
      if (d7.trim() !== '') taxonomy.product.targets.d7 = Number(d7) / 100;
      const started = await api.generateAndSend({
        taxonomy,
        params: { startDate, days: Number(days), dau: Number(dau), seed: Number(seed) },
        destination: destination(),
      });
      runId.current = started.runId;
      show(phasesForRun(state, { status: started.status, progress: {} }));
      let last: RunSummary | null = null;
      last = await api.followRun(started.runId, (run) => show(phasesForRun(state, run)), controller.signal);
      const detail = await api.run(started.runId);
      if (detail.status === 'sent') {
        const { records, users } = countsOf(detail.manifest);
        setOutcome({ intent: 'success', text: t('resultSent', { records, users, destination: t(DEST_LABEL[kind]) }), runId: started.runId, warnings: calibrationWarningsOf(detail.manifest) });
      } else if (detail.status === 'cancelled') {
        setOutcome({ intent: 'warning', text: t('resultCancelled') });
      } else {
        setOutcome({ intent: 'error', text: t('resultFailed', { error: detail.error ?? last?.status ?? '?' }) });
      }
    } catch (e) {
      if (controller.signal.aborted) setOutcome({ intent: 'warning', text: t('resultCancelled') });
      else {
        const failing = PHASES.find((p) => state[p].status === 'running') ?? 'submit';
        show({ ...state, [failing]: { status: 'failed', fraction: state[failing].fraction } });
        setOutcome({ intent: 'error', text: errorText(e) });
      }
    } finally {
      setRunning(false);
      abort.current = null;
    }
  };

  const cancel = async () => {
    const id = runId.current;
    try {
      if (id) await api.cancelRun(id);
    } catch (e) {
      setOutcome({ intent: 'error', text: errorText(e) });
    }
    abort.current?.abort();
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Text>{t('generateIntro')}</Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Field label={t('startDate')}>
          <Input type="date" value={startDate} onChange={(_, d) => setStartDate(d.value)} />
        </Field>
        <Field label={t('days')}>
          <Input type="number" min={1} max={366} value={days} onChange={(_, d) => setDays(d.value)} />
        </Field>
        <Field label={t('dau')}>
          <Input type="number" min={1} value={dau} onChange={(_, d) => setDau(d.value)} />
        </Field>
        <Field label={t('seed')}>
          <Input type="number" min={0} value={seed} onChange={(_, d) => setSeed(d.value)} />
        </Field>
        <Field label={t('targetD1')}>
          <Input type="number" min={0} max={100} value={d1} onChange={(_, d) => setD1(d.value)} />
        </Field>
        <Field label={t('targetD7')}>
          <Input type="number" min={0} max={100} value={d7} onChange={(_, d) => setD7(d.value)} />
        </Field>
      </div>
      <Field label={t('destination')}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as DestKind)}>
          {(Object.keys(DEST_LABEL) as DestKind[]).map((k) => (
            <option key={k} value={k}>{t(DEST_LABEL[k])}</option>
          ))}
        </Select>
      </Field>
      {kind !== 'sandbox' && (
        <Field label={t('receiverUrl')}>
          <Input value={url} onChange={(_, d) => setUrl(d.value)} placeholder="https://receiver.example.com" />
        </Field>
      )}
      <Field label={t('appId')}>
        <Input value={appId} onChange={(_, d) => setAppId(d.value)} />
      </Field>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" onClick={() => void start()} disabled={running}>{t('generateButton')}</Button>
        {running && <Button onClick={() => void cancel()}>{t('cancel')}</Button>}
      </div>
      <div data-testid="phases" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        {PHASES.map((p) => (
          <Field key={p} label={t(PHASE_LABEL[p])} validationState={phases[p].status === 'failed' ? 'error' : phases[p].status === 'done' ? 'success' : 'none'}>
            <ProgressBar
              aria-label={t(PHASE_LABEL[p])}
              value={phases[p].status === 'failed' ? 1 : phases[p].status === 'running' && phases[p].fraction === 0 ? undefined : phases[p].fraction}
              max={1}
              color={phases[p].status === 'failed' ? 'error' : phases[p].status === 'done' ? 'success' : 'brand'}
              thickness="large"
            />
          </Field>
        ))}
      </div>
      {outcome && (
        <MessageBar intent={outcome.intent}>
          <MessageBarBody>
            <span data-testid="run-result">{outcome.text}</span>{' '}
            {outcome.runId && (
              <Button size="small" appearance="transparent" onClick={() => onShowInsights(outcome.runId!)}>{t('viewInsights')}</Button>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {outcome?.warnings?.map((w) => (
        <MessageBar key={w} intent="warning" data-testid="run-warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
