/**
 * AI draft: describe the product, see the proposals as a diff against the sheets, insert the ticked
 * ones. Also "suggest properties" for the event in the selected row.
 */
import { useMemo, useState } from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Text, Textarea } from '@fluentui/react-components';
import type { TaxonomyAdditions } from '../../taxonomy/index.ts';
import { cellText } from '../../taxonomy/text.ts';
import type { WorkbookState } from '../app/use-workbook.ts';
import { errorText, useServices } from '../app/services.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { acceptedAdditions, draftItems, LIST_SECTIONS, planAdditions, type DraftItem, type ListSection } from '../workbook/additions.ts';
import { applyPlan } from '../workbook/apply-plan.ts';
import { sheetsByKind, type WorkbookSnapshot } from '../workbook/taxonomy-sheets.ts';

const SECTION_LABEL: Record<ListSection, MessageKey> = {
  events: 'sectionEvents',
  eventProperties: 'sectionEventProperties',
  commonProperties: 'sectionCommonProperties',
  userProperties: 'sectionUserProperties',
  funnels: 'sectionFunnels',
};

const itemKey = (item: DraftItem) => `${item.section}:${item.name}`;

export function DraftScreen({ workbook }: { workbook: WorkbookState }) {
  const { api, gateway, language, t } = useServices();
  const [description, setDescription] = useState('');
  const [eventName, setEventName] = useState('');
  const [additions, setAdditions] = useState<TaxonomyAdditions | null>(null);
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<'draft' | 'suggest' | 'insert' | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const snapshot = workbook.snapshot;
  const blocked = snapshot !== null && snapshot.hasTaxonomy && snapshot.layout !== 'canonical';

  const items = useMemo(() => (additions && snapshot ? draftItems(snapshot.taxonomy, additions) : []), [additions, snapshot]);

  /** Shows a proposal, ticking every new name (compared with the workbook as just read). */
  const propose = (next: TaxonomyAdditions, current: WorkbookSnapshot | null) => {
    setAdditions(next);
    const fresh = current ? draftItems(current.taxonomy, next).filter((i) => !i.present) : [];
    setAccepted(new Set(fresh.map(itemKey)));
  };

  const run = async (kind: 'draft' | 'suggest' | 'insert', work: () => Promise<void>) => {
    setBusy(kind);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e) });
    } finally {
      setBusy(null);
    }
  };

  const draft = () =>
    run('draft', async () => {
      const current = (await workbook.refresh()) ?? snapshot;
      const result = await api.draft({ description: description.trim(), language, ...(current?.hasTaxonomy ? { existing: current.taxonomy } : {}) });
      propose(result.additions, current);
    });

  /** The event named in the selected row of the Events sheet, to prefill "suggest properties". */
  const useSelectedRow = () =>
    run('suggest', async () => {
      const selection = await gateway.readSelection();
      const current = (await workbook.refresh()) ?? snapshot;
      const events = current ? sheetsByKind(current.grids).get('events') : undefined;
      if (events && events.name === selection.sheet && selection.row > 0) setEventName(cellText(events.rows[selection.row]?.[0]));
    });

  const suggest = () =>
    run('suggest', async () => {
      const current = (await workbook.refresh()) ?? snapshot;
      if (!current) return;
      const result = await api.suggestProperties(current.taxonomy, eventName.trim());
      propose(result.additions ?? { eventProperties: (result.properties ?? []).map((p) => ({ name: p.name })) }, current);
    });

  const insert = () =>
    run('insert', async () => {
      const current = await workbook.refresh();
      if (!current || !additions) return;
      const plan = planAdditions(current.grids, current.taxonomy, acceptedAdditions(additions, accepted, current.taxonomy), language);
      await applyPlan(gateway, plan);
      await workbook.refresh();
      setAdditions(null);
      setMessage({ intent: 'success', text: t('inserted', { count: plan.rowCount }) });
    });

  const toggle = (key: string, on: boolean) =>
    setAccepted((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Text>{t('draftIntro')}</Text>
      {blocked && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('needsCanonical')}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('draftDescription')}>
        <Textarea value={description} onChange={(_, d) => setDescription(d.value)} placeholder={t('draftPlaceholder')} rows={4} resize="vertical" />
      </Field>
      <div>
        <Button appearance="primary" onClick={() => void draft()} disabled={busy !== null || blocked || description.trim().length < 3}>
          {busy === 'draft' ? t('drafting') : t('draftButton')}
        </Button>
      </div>

      <Text weight="semibold">{t('suggestTitle')}</Text>
      <div style={{ display: 'flex', gap: 6, alignItems: 'end', flexWrap: 'wrap' }}>
        <Field label={t('suggestEvent')}>
          <Input value={eventName} onChange={(_, d) => setEventName(d.value)} />
        </Field>
        <Button onClick={() => void useSelectedRow()} disabled={busy !== null}>{t('suggestFor')}</Button>
        <Button onClick={() => void suggest()} disabled={busy !== null || blocked || eventName.trim() === ''}>{t('suggestButton')}</Button>
      </div>

      {additions && (
        <div data-testid="draft-preview" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
          <Text weight="semibold">{t('draftPreview')}</Text>
          {items.length === 0 && <Text italic>{t('draftNothing')}</Text>}
          {LIST_SECTIONS.filter((s) => items.some((i) => i.section === s)).map((section) => (
            <fieldset key={section} style={{ border: '1px solid #e0e0e0', borderRadius: 4, padding: '4px 8px', margin: 0 }}>
              <legend><Text size={200} weight="semibold">{t(SECTION_LABEL[section])}</Text></legend>
              {items
                .filter((i) => i.section === section)
                .map((item) => (
                  <div key={itemKey(item)} style={{ display: 'flex', alignItems: 'center', gap: 4, color: item.present ? '#888' : undefined }}>
                    <Checkbox
                      checked={!item.present && accepted.has(itemKey(item))}
                      disabled={item.present}
                      onChange={(_, d) => toggle(itemKey(item), d.checked === true)}
                      label={<span><span style={{ color: item.present ? undefined : '#107c41' }}>{item.present ? '=' : '+'}</span> <b>{item.name}</b> {item.detail && <Text size={200}>{item.detail}</Text>}{item.present && <Text size={200} italic> — {t('alreadyPresent')}</Text>}</span>}
                    />
                  </div>
                ))}
            </fieldset>
          ))}
          <div>
            <Button appearance="primary" onClick={() => void insert()} disabled={busy !== null || accepted.size === 0}>
              {busy === 'insert' ? t('working') : t('insertSelected', { count: accepted.size })}
            </Button>
          </div>
        </div>
      )}
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
