// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.ts';
import { languageFromDisplay } from '../i18n/language.ts';
import { translator } from '../i18n/messages.ts';
import { fakeService, json, runSummary, sse, TOKENS } from '../testing/fake-service.ts';
import { MemoryGateway } from '../workbook/memory-gateway.ts';
import '../testing/jsdom-shims.ts';
import { App } from './App.tsx';

afterEach(cleanup);

function renderPane(gateway: MemoryGateway, routes: Parameters<typeof fakeService>[0] = {}) {
  const service = fakeService({ 'POST /api/auth/login': () => json(200, TOKENS), ...routes });
  const language = languageFromDisplay(gateway.displayLanguage());
  render(<App services={{ gateway, api: new ApiClient({ fetch: service.fetch }), language, t: translator(language) }} />);
  return service;
}

async function signIn() {
  fireEvent.change(screen.getByLabelText(/User name/), { target: { value: 'ana' } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'secret-pass' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByText('Signed in as ana');
}

async function createSheets(gateway: MemoryGateway) {
  fireEvent.click(screen.getByRole('button', { name: 'Create taxonomy sheets' }));
  await screen.findByText(/Created Product, Events/);
  await gateway.appendRows('Events', [['login', 'Login', '', '', 'channel']]);
  await gateway.appendRows('Event Properties', [['channel', '', 'string', '', '']]);
}

describe('task pane', () => {
  it('creates the sheets, shows live issues after an edit, and selects the cell of a clicked issue', async () => {
    const gateway = new MemoryGateway([{ name: 'Sheet1', rows: [] }]);
    renderPane(gateway);
    await screen.findByText('No taxonomy sheets found yet.');
    await createSheets(gateway);
    expect(gateway.sheets.map((s) => s.name)).toContain('Funnels');
    expect(gateway.dropdowns.length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('tab', { name: 'Validate' }));
    // The user types an event name TE refuses; the list follows without a click.
    gateway.userEdit('Events', 2, 0, '2nd-login');
    const issue = await screen.findByText('Events!A3', undefined, { timeout: 3000 });
    fireEvent.click(issue);
    await waitFor(() => expect(gateway.selection).toEqual({ sheet: 'Events', row: 2, column: 0 }));

    gateway.userEdit('Events', 2, 0, 'second_login');
    await waitFor(() => expect(screen.queryByText(/Events!A3/)).toBeNull(), { timeout: 3000 });
  });

  it('drafts with AI, previews a diff, and inserts only the ticked new rows', async () => {
    const gateway = new MemoryGateway([{ name: 'Sheet1', rows: [] }]);
    const service = renderPane(gateway, {
      'POST /api/ai/draft': () =>
        json(200, {
          additions: {
            events: [{ name: 'login', description: 'AI text' }, { name: 'purchase', properties: ['amount'] }, { name: 'share' }],
            eventProperties: [{ name: 'amount', type: 'number' }],
          },
          usage: {},
        }),
    });
    await createSheets(gateway);
    fireEvent.click(screen.getByRole('tab', { name: 'AI draft' }));
    await signIn();
    fireEvent.change(screen.getByLabelText('Product description'), { target: { value: 'A puzzle game with a shop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Draft with AI' }));
    const preview = await screen.findByTestId('draft-preview');
    expect(within(preview).getByText(/already in your sheets/)).toBeTruthy();
    fireEvent.click(within(preview).getByRole('checkbox', { name: /share/ }));
        fireEvent.click(await within(preview).findByRole('button', { name: 'Insert selected (2)' }));
    await screen.findByText(/Inserted 2 rows/);

    const events = gateway.sheets.find((s) => s.name === 'Events')!.rows.map((r) => r[0]);
    expect(events).toEqual(['Name', 'login', 'purchase']);
    expect(gateway.sheets.find((s) => s.name === 'Events')!.rows[1]![3]).toBe('');
    const draftCall = service.calls.find((c) => c.path === '/api/ai/draft')!;
    expect(draftCall.authorization).toBe('Bearer access-token-1');
    expect((draftCall.body as { existing: { events: unknown[] } }).existing.events).toHaveLength(1);
  });

  it('suggests properties for the event in the selected row and extends its list', async () => {
    const gateway = new MemoryGateway([{ name: 'Sheet1', rows: [] }]);
    const service = renderPane(gateway, {
      'POST /api/ai/suggest-properties': () =>
        json(200, { additions: { events: [{ name: 'login', properties: ['channel', 'device_type', 'retries'] }], eventProperties: [{ name: 'device_type', type: 'string' }, { name: 'retries', type: 'number' }] }, usage: {} }),
    });
    await createSheets(gateway);
    fireEvent.click(screen.getByRole('tab', { name: 'AI draft' }));
    await signIn();
    await gateway.selectCell('Events', 1, 2);
    fireEvent.click(screen.getByRole('button', { name: 'From the selected row' }));
    await waitFor(() => expect((screen.getByLabelText('Event name') as HTMLInputElement).value).toBe('login'));
    fireEvent.click(screen.getByRole('button', { name: 'Suggest' }));
    const preview = await screen.findByTestId('draft-preview');
    fireEvent.click(within(preview).getByRole('checkbox', { name: /\+ retries/ }));
    fireEvent.click(await within(preview).findByRole('button', { name: 'Insert selected (1)' }));
    await screen.findByText(/Inserted 2 rows/);
    expect(gateway.sheets.find((s) => s.name === 'Events')!.rows[1]).toEqual(['login', 'Login', '', '', 'channel, device_type']);
    expect(gateway.sheets.find((s) => s.name === 'Event Properties')!.rows.map((r) => r[0])).toEqual(['Name', 'channel', 'device_type']);
    expect(service.calls.find((c) => c.path === '/api/ai/suggest-properties')!.body).toMatchObject({ event: 'login' });
  });

  it('generates and sends in one click, following the run to a clear result', async () => {
    const gateway = new MemoryGateway([{ name: 'Sheet1', rows: [] }]);
    const runId = 'run_0123456789abc';
    const service = renderPane(gateway, {
      'POST /api/generate-and-send': () => json(202, { runId, status: 'queued' }),
      'GET /api/generate/events/:id': () =>
        sse([
          { event: 'progress', data: runSummary(runId, 'generating', { fraction: 0.5 }) },
          { event: 'progress', data: runSummary(runId, 'sending', { recordsSent: 10, recordsTotal: 20 }) },
          { event: 'progress', data: runSummary(runId, 'sent', { fraction: 1 }) },
          { event: 'end', data: { status: 'sent' } },
        ]),
      'GET /api/runs/:id': () => json(200, { ...runSummary(runId, 'sent'), manifest: { counts: { records: 1234, users: 56 } }, destination: { kind: 'sandbox' } }),
    });
    await createSheets(gateway);
    fireEvent.click(screen.getByRole('tab', { name: 'Generate' }));
    await signIn();
    fireEvent.change(screen.getByLabelText('Days'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('D1 retention target (%)'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate and send' }));
    const result = await screen.findByTestId('run-result');
    expect(result.textContent).toBe('Done: 1234 records for 56 users sent to Sandbox receiver (rehearsal).');
    const submitted = service.calls.find((c) => c.path === '/api/generate-and-send')!.body as { params: { days: number }; taxonomy: { events: { name: string }[]; product: { targets: { d1: number } } }; destination: unknown };
    expect(submitted.params.days).toBe(3);
    expect(submitted.taxonomy.events.map((e) => e.name)).toEqual(['login']);
    expect(submitted.taxonomy.product.targets.d1).toBe(0.4);
    expect(submitted.destination).toEqual({ kind: 'sandbox' });
    for (const bar of screen.getAllByRole('progressbar')) expect(bar.getAttribute('aria-valuenow')).toBe('1');
  });

  it('stops before submitting when the sheets have errors', async () => {
    const gateway = new MemoryGateway([{ name: 'Sheet1', rows: [] }]);
    const service = renderPane(gateway);
    await createSheets(gateway);
    await gateway.appendRows('Funnels', [['buy', '', 'login, no_such_event', '', 24]]);
    fireEvent.click(screen.getByRole('tab', { name: 'Generate' }));
    await signIn();
    fireEvent.click(screen.getByRole('button', { name: 'Generate and send' }));
    await screen.findByText(/Fix the \d+ errors on the Validate tab first/);
    expect(service.calls.some((c) => c.path === '/api/generate-and-send')).toBe(false);
  });

  it('speaks Korean when Office does', async () => {
    renderPane(new MemoryGateway([{ name: 'Sheet1', rows: [] }], 'ko-KR'));
    expect(await screen.findByRole('tab', { name: '검증' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '택소노미 시트 만들기' }));
    await screen.findByText(/만든 시트: 제품, 이벤트/);
  });

  it('shows the service message when sign-in fails', async () => {
    renderPane(new MemoryGateway([{ name: 'Sheet1', rows: [] }]), {
      'POST /api/auth/login': () => json(401, { error: { code: 'invalid_credentials', message: 'Wrong user name or password.' } }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Runs' }));
    fireEvent.change(screen.getByLabelText(/User name/), { target: { value: 'ana' } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong user name or password.')).toBeTruthy();
  });
});
