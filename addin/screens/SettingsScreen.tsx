/** Per-user settings kept by the service. The AI key is sent once and never held by the pane. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { AI_PROVIDERS, type SettingsUpdate, type SettingsView } from '../../service/api/schemas/settings.ts';
import { errorText, useServices } from '../app/services.ts';

type Form = { aiProvider: string; aiModel: string; aiBaseUrl: string; aiKey: string; teAppId: string; teReceiverUrl: string; logbusPath: string; runRetentionDays: string };

function formOf(view: SettingsView): Form {
  return {
    aiProvider: view.aiProvider ?? '',
    aiModel: view.aiModel ?? '',
    aiBaseUrl: view.aiBaseUrl ?? '',
    aiKey: '',
    teAppId: '',
    teReceiverUrl: view.teReceiverUrl ?? '',
    logbusPath: view.logbusPath ?? '',
    runRetentionDays: view.runRetentionDays === null ? '' : String(view.runRetentionDays),
  };
}

/** Only what changed; an emptied field clears the setting, an empty secret field keeps the old one. */
export function settingsUpdate(form: Form, view: SettingsView): SettingsUpdate {
  const update: SettingsUpdate = {};
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  if (text(form.aiProvider) !== view.aiProvider) update.aiProvider = text(form.aiProvider) as SettingsUpdate['aiProvider'];
  if (text(form.aiModel) !== view.aiModel) update.aiModel = text(form.aiModel);
  if (text(form.aiBaseUrl) !== view.aiBaseUrl) update.aiBaseUrl = text(form.aiBaseUrl);
  if (form.aiKey.trim() !== '') update.aiKey = form.aiKey.trim();
  if (form.teAppId.trim() !== '') update.teAppId = form.teAppId.trim();
  if (text(form.teReceiverUrl) !== view.teReceiverUrl) update.teReceiverUrl = text(form.teReceiverUrl);
  if (text(form.logbusPath) !== view.logbusPath) update.logbusPath = text(form.logbusPath);
  const days = form.runRetentionDays.trim() === '' ? null : Number(form.runRetentionDays);
  if (days !== view.runRetentionDays) update.runRetentionDays = days;
  return update;
}

export function SettingsScreen() {
  const { api, t } = useServices();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.settings().then(
      (v) => {
        setView(v);
        setForm(formOf(v));
      },
      (e: unknown) => setMessage({ intent: 'error', text: errorText(e) }),
    );
  }, [api]);

  const save = async () => {
    if (!form || !view) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = await api.saveSettings(settingsUpdate(form, view));
      setView(next);
      setForm(formOf(next));
      setMessage({ intent: 'success', text: t('saved') });
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof Form) => ({ value: form?.[name] ?? '', onChange: (_: unknown, d: { value: string }) => setForm((f) => (f ? { ...f, [name]: d.value } : f)) });

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 420 }}>
      <Text>{t('settingsIntro')}</Text>
      {form && view && (
        <>
          <Field label={t('aiProvider')}>
            <Select {...field('aiProvider')}>
              <option value="">—</option>
              {AI_PROVIDERS.map((p) => (
                <option key={p} value={p}>{p}</option>
              ))}
            </Select>
          </Field>
          <Field label={t('aiModel')}>
            <Input {...field('aiModel')} />
          </Field>
          <Field label={t('aiBaseUrl')}>
            <Input {...field('aiBaseUrl')} placeholder="https://api.example.com/v1" />
          </Field>
          <Field label={t('aiKey')} hint={view.aiKey.set ? t('aiKeySet', { masked: view.aiKey.masked ?? '…' }) : undefined}>
            <Input type="password" autoComplete="off" {...field('aiKey')} />
          </Field>
          <Field label={t('teAppId')} hint={view.teAppId.set ? view.teAppId.masked ?? undefined : undefined}>
            <Input autoComplete="off" {...field('teAppId')} />
          </Field>
          <Field label={t('teReceiverUrl')}>
            <Input {...field('teReceiverUrl')} placeholder="https://receiver.example.com" />
          </Field>
          <Field label={t('logbusPath')}>
            <Input {...field('logbusPath')} placeholder="/opt/logbus2" />
          </Field>
          <Field label={t('retentionDays')}>
            <Input type="number" min={1} {...field('runRetentionDays')} />
          </Field>
          <div>
            <Button appearance="primary" onClick={() => void save()} disabled={busy}>{busy ? t('working') : t('save')}</Button>
          </div>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
