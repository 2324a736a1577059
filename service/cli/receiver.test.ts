import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './receiver.ts';

const BIN = fileURLToPath(new URL('../../bin/demo-data.js', import.meta.url));

describe('demo-data receiver', () => {
  it('serves TE paths for the given app ids and prints a summary on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'receiver', '--port', '0', '--app-id', 'A'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', () => {
        const m = /listening on (http:\/\/\S+)/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`receiver exited: ${err}`)));
    });
    const record = { '#type': 'track', '#time': '2026-01-01 00:00:00', '#distinct_id': 'd', '#event_name': 'login', properties: {} };
    const ok = await fetch(`${url}/sync_server`, { method: 'POST', headers: { appid: 'A' }, body: JSON.stringify([record]) }).then((r) => r.json());
    const unknown = await fetch(`${url}/sync_server`, { method: 'POST', headers: { appid: 'B' }, body: JSON.stringify([record]) }).then((r) => r.json());
    expect(ok).toMatchObject({ code: 0 });
    expect(unknown).toMatchObject({ code: -2 });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(err).toContain('accepted {"A":1}; rejected 0; duplicates 0');
  });

  it('refuses a bad port with exit code 2', async () => {
    await expect(run(['--port', 'x'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--port must be a port number') });
  });
});
