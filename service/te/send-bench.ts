/**
 * Sender throughput: `node --import tsx service/te/send-bench.ts [records]`.
 *
 * Sends a fixture run (records of a realistic ~700 bytes) over loopback to (1) the validating
 * receiver in its own process and (2) a sink that answers `{"code":0}` without reading the data, so
 * the sender's own ceiling and the receiver's cost are both visible. Prints records/s and MB/s, the
 * load average before each measurement, and the receiver's share of the sink's rate: on a shared
 * machine the absolute figures follow the load, the share much less.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFixtureRun } from './fixtures/run-dir.ts';
import { sendHttp } from './http/sender.ts';

const total = Number(process.argv[2] ?? 400_000);
const days = 4;
const extra = {
  '#os_version': '17.4.1', '#device_model': 'iPhone15,2', '#device_id': '9c1618818761c4a9', '#app_version': '2.4.0',
  '#network_type': 'WIFI', '#carrier': 'SK Telecom', '#zone_offset': 9, '#screen_width': 1179, '#screen_height': 2556,
  '#system_language': 'ko', '#lib': 'iOS', '#lib_version': '3.0.3', '#install_time': '2026-01-01 09:12:44.120',
  channel: 'organic', server_id: 'kr-1', vip_level: 3, gem_balance: 5528, session_id: 'c0ffee00-1234', is_first: false,
};

async function startChildReceiver(): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../bin/demo-data.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'receiver', '--port', '0', '--count-only'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', () => reject(new Error(`receiver exited: ${err}`)));
  });
  return { url, child };
}

async function startSink(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"code":0}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const dir = mkdtempSync(join(tmpdir(), 'send-bench-'));
writeFixtureRun(dir, { days, perDay: Math.ceil(total / days), extra });
const bytes = readdirSync(join(dir, 'data')).reduce((n, f) => n + statSync(join(dir, 'data', f)).size, 0);

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

async function measure(label: string, url: string, appId: string): Promise<number> {
  const load = loadAverage();
  const r = await sendHttp({ runDir: dir, destination: { url, appId }, concurrency: 4 });
  const secs = r.elapsedMs / 1000;
  process.stdout.write(`load ${load}  ${label.padEnd(34)} ${Math.round(r.recordsSent / secs).toLocaleString('en-US').padStart(9)} records/s  ${(bytes / 1e6 / secs).toFixed(1).padStart(6)} MB/s of JSONL  (${r.recordsSent.toLocaleString('en-US')} records, ${(bytes / r.recordsSent).toFixed(0)} B each)\n`);
  return r.recordsSent / secs;
}

const sink = await startSink();
const receiver = await startChildReceiver();
try {
  const ceiling = await measure('sender → null sink (sender ceiling)', sink.url, 'bench');
  const received = await measure('sender → validating receiver', receiver.url, 'bench');
  process.stdout.write(`receiver at ${((100 * received) / ceiling).toFixed(0)}% of the sender's ceiling\n`);
} finally {
  sink.close();
  receiver.child.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
