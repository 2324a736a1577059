/**
 * The built pane (OFFICE_JS_LOCAL=1) in headless Debian Chromium, on the fake Excel, against the real
 * service on loopback with the local AI server and the sandbox receiver. Each step leaves a
 * screenshot in test-artifacts/.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAiServer, type AiServer } from '../../testing/ai-server/server.ts';
import { SMART_HANDLERS } from '../../testing/ai-server/smart.ts';
import type { FakeExcelHost } from '../../testing/fake-excel/index.ts';
import { readEnv, startService, type RunningService } from '../../service/server.ts';

type FakeWindow = { __fakeExcel: FakeExcelHost };

const CHROMIUM = '/usr/bin/chromium';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repo, 'test-artifacts');
const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

describe.skipIf(!existsSync(CHROMIUM))('task pane in Chromium (needs /usr/bin/chromium)', () => {
  let work: string;
  let ai: AiServer;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let token: string;
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: path.join(artifacts, `pane-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  // The fake workbook as the user sees it, and the user's hands on it (see testing/fake-excel/browser.ts).
  const rowsOf = (sheet: string) => page.evaluate((name) => (window as unknown as FakeWindow).__fakeExcel.doc.rowsOf(name), sheet);
  const sheetNames = () => page.evaluate(() => (window as unknown as FakeWindow).__fakeExcel.doc.sheets.map((x) => x.name));
  const userEdit = (sheet: string, row: number, values: string[][]) =>
    page.evaluate(([name, r, v]) => (window as unknown as FakeWindow).__fakeExcel.doc.userEdit(name, r, 0, v), [sheet, row, values] as const);
  const selection = () =>
    page.evaluate(() => {
      const doc = (window as unknown as FakeWindow).__fakeExcel.doc;
      return doc.selection && [doc.sheetById(doc.selection.sheetId)?.name, doc.selection.box.top, doc.selection.box.left];
    });

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pane-e2e-'));
    await mkdir(artifacts, { recursive: true });
    for (const old of await readdir(artifacts)) if (/^pane-.*\.png$/.test(old)) await rm(path.join(artifacts, old));
    const out = path.join(work, 'addin');
    // The one costly step (~40 s of CPU): `npm run build` loads office.js from the CDN, which this
    // offline browser cannot reach, so the pane is built again with OFFICE_JS_LOCAL=1 for this test.
    await promisify(execFile)(process.execPath, [path.join(repo, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], {
      cwd: repo,
      env: { ...process.env, OFFICE_JS_LOCAL: '1', ADDIN_OUT_DIR: out },
    });
    const esbuild = await import('esbuild');
    const fakeBundle = await esbuild.build({ entryPoints: [path.join(repo, 'testing/fake-excel/browser.ts')], bundle: true, format: 'iife', write: false, target: 'es2020' });
    const fakeScript = fakeBundle.outputFiles[0]!.text;

    ai = await startAiServer({ host: '127.0.0.1', port: 0, smart: SMART_HANDLERS });
    service = await startService({
      env: readEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data'), STATIC_DIR: out, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', JOB_POLL_MS: '100' }),
    });
    const login = await fetch(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    token = ((await login.json()) as { accessToken: string }).accessToken;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    // Nothing leaves the machine: only loopback is reachable.
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === '127.0.0.1' || host === 'localhost' ? route.fallback() : route.abort();
    });
    // The fake Excel goes in right after office.js and before the pane's (deferred) bundle.
    await context.route('**/taskpane.html', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('</script>', `</script><script>${fakeScript.replace(/<\/script/gi, '<\\/script')}</script>`);
      await route.fulfill({ response, body: html });
    });
    page = await context.newPage();
    await page.goto(`${service.url}/taskpane.html`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await ai?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('loads office.js from the build and runs on the fake Excel host', async () => {
    await page.getByRole('heading', { name: 'Demo Data Studio' }).waitFor();
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')).filter(Boolean))).toContainEqual('office/office.js');
    expect(await page.getByText('Opened outside Excel').count()).toBe(0);
    await page.getByText('No taxonomy sheets found yet.').waitFor();
    await shot('open');
  });

  it('creates the taxonomy sheets in the workbook', async () => {
    await page.getByRole('button', { name: 'Create taxonomy sheets' }).click();
    await page.getByText(/Created Product, Events/).waitFor();
    const names = await sheetNames();
    expect(names).toEqual(['Sheet1', 'Product', 'Events', 'Event Properties', 'Common Properties', 'User Properties', 'Funnels', 'DemoData Lists']);
    expect(await rowsOf('Events')).toEqual([['Name', 'Display Name', 'Category', 'Description', 'Properties']]);
    await shot('sheets-created');
  });

  it('signs in and stores the AI settings in the service', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('User name').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as admin').waitFor();
    await page.getByLabel('AI provider').selectOption('anthropic');
    await page.getByLabel(/AI base URL/).fill(ai.anthropicBaseURL);
    await page.getByLabel('API key').fill('sk-local-test-key');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const settings = await (await fetch(`${service.url}/api/settings`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(settings).toMatchObject({ aiProvider: 'anthropic', aiBaseUrl: ai.anthropicBaseURL, aiKey: { set: true } });
    await shot('settings');
  });

  it('drafts with AI and inserts the proposals into the sheets', async () => {
    await page.getByRole('tab', { name: 'AI draft' }).click();
    await page.getByLabel('Product description').fill('A mobile puzzle game with daily quests, an energy system and a shop with in-app purchases.');
    await page.getByRole('button', { name: 'Draft with AI' }).click();
    await page.getByTestId('draft-preview').waitFor({ timeout: 60_000 });
    await shot('draft-preview');
    await page.getByRole('button', { name: /Insert selected/ }).click();
    await page.getByText(/Inserted \d+ rows/).waitFor();
    const events = await rowsOf('Events');
    expect(events.length).toBeGreaterThan(2);
    await shot('draft-inserted');
  });

  it('shows a validation error live, selects its cell, and clears it when fixed', async () => {
    await page.getByRole('tab', { name: 'Validate' }).click();
    const events = await rowsOf('Events');
    if (events.length < 2) await userEdit('Events', 1, [['login', 'Login']]);
    const row = Math.max(events.length, 2);
    await userEdit('Events', row, [['2nd-login']]);
    const issue = page.getByText(`Events!A${row + 1}`);
    await issue.waitFor();
    await shot('validation-error');
    await issue.click();
    await expect.poll(selection).toEqual(['Events', row, 0]);
    await userEdit('Events', row, [['second_login']]);
    await issue.waitFor({ state: 'detached' });
    await shot('validation-fixed');
  });

  it('generates and sends to the sandbox receiver in one click, then shows insights', async () => {
    await page.getByRole('tab', { name: 'Generate' }).click();
    await page.getByLabel('Start date').fill('2026-01-01');
    await page.getByLabel('Days').fill('3');
    await page.getByLabel('Daily active users').fill('40');
    await page.getByLabel('Seed').fill('7');
    await page.getByRole('button', { name: 'Generate and send' }).click();
    const result = page.getByTestId('run-result');
    await result.waitFor({ timeout: 120_000 });
    await shot('generated-and-sent');
    expect(await result.textContent()).toMatch(/^Done: \d+ records for \d+ users sent to Sandbox receiver/);

    const runs = (await (await fetch(`${service.url}/api/runs/list`, { headers: { authorization: `Bearer ${token}` } })).json()) as { runs: { id: string; status: string }[] };
    const sent = runs.runs.find((r) => r.status === 'sent')!;
    const held = (await (await fetch(`${service.url}/api/sandbox/records?runId=${sent.id}&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { records: { record: { '#type': string; '#event_name'?: string } }[] };
    expect(held.records.length).toBeGreaterThan(0);
    expect(held.records.some((r) => r.record['#type'] === 'track')).toBe(true);

    await page.getByRole('button', { name: 'See insights' }).click();
    await page.getByTestId('insights').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('img', { name: 'Daily active users' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Retention/ }).count()).toBe(1);
    await shot('insights');

    await page.getByRole('tab', { name: 'Runs' }).click();
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-row').filter({ hasText: 'sent' }).count()).toBeGreaterThan(0);
    await shot('runs');
  }, 240_000);
});
