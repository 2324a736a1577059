#!/usr/bin/env node
/**
 * A stand-in for ThinkingData's LogBus2, for tests only: it follows the documented command line and
 * configuration (conf/daemon.json, runtime/ offsets, log/) closely enough to exercise a driver.
 * Never referenced by product code.
 *
 * Commands: start (daemonises), stop, restart, env, progress, reset, dev.
 * Fault options (environment, inherited by the daemon):
 *   LOGBUS_STANDIN_FAIL=<command>[,<command>…]  that command exits 3 after printing an error
 *   LOGBUS_STANDIN_STALL=1                      the daemon runs but never sends anything
 *   LOGBUS_STANDIN_BATCH=<n>                    lines per request (default 500)
 *
 * `progress` prints one line per watched file (a format of our own; the real one is undocumented):
 *   app_id=<id> file=<path> offset=<bytes>/<size> lines=<sent>
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readSync, closeSync, appendFileSync } from 'node:fs';
import { request } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

const SKIPPED = /\.(gz|zip|rar|tar|7z|bz2|xz)$/i;
const cwd = process.cwd();
const runtimeDir = join(cwd, 'runtime');
const logDir = join(cwd, 'log');
const pidFile = join(runtimeDir, 'logbus.pid');
const offsetsFile = join(runtimeDir, 'offsets.json');

function log(message) {
  mkdirSync(logDir, { recursive: true });
  appendFileSync(join(logDir, 'logbus.log'), `${message}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readConfig() {
  const path = join(cwd, 'conf', 'daemon.json');
  let conf;
  try {
    conf = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    fail(`cannot read ${path}: ${err.message}`, 2);
  }
  if (typeof conf.push_url !== 'string' || !/^https?:\/\//.test(conf.push_url)) fail('daemon.json: push_url must be an http(s) URL', 2);
  if (!Array.isArray(conf.datasource) || conf.datasource.length === 0) fail('daemon.json: datasource must list at least one source', 2);
  const ids = new Set();
  for (const ds of conf.datasource) {
    if (ds.type !== 'file') fail(`daemon.json: datasource type '${ds.type}' is not supported by the stand-in`, 2);
    if (typeof ds.app_id !== 'string' || !ds.app_id) fail('daemon.json: datasource.app_id is required', 2);
    if (ids.has(ds.app_id)) fail(`daemon.json: app_id ${ds.app_id} appears twice`, 2);
    ids.add(ds.app_id);
    if (!Array.isArray(ds.file_patterns) || ds.file_patterns.length === 0) fail('daemon.json: datasource.file_patterns is required', 2);
  }
  return conf;
}

/** Globs with * and ? in the file name part only. */
function expand(pattern) {
  const abs = resolve(cwd, pattern);
  const dir = dirname(abs);
  const name = basename(abs);
  if (!/[*?]/.test(name)) return existsSync(abs) ? [abs] : [];
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => re.test(n)).sort().map((n) => join(dir, n));
}

function watched(conf) {
  const out = [];
  for (const ds of conf.datasource) {
    const ignore = (ds.ignore_files ?? []).map((p) => resolve(cwd, p));
    for (const pattern of ds.file_patterns) {
      for (const file of expand(pattern)) {
        if (SKIPPED.test(file) || ignore.includes(file)) continue;
        out.push({ appId: ds.app_id, file });
      }
    }
  }
  return out;
}

function loadOffsets() {
  try {
    return JSON.parse(readFileSync(offsetsFile, 'utf8'));
  } catch {
    return {};
  }
}

function saveOffsets(offsets) {
  mkdirSync(runtimeDir, { recursive: true });
  writeFileSync(`${offsetsFile}.tmp`, JSON.stringify(offsets));
  renameSync(`${offsetsFile}.tmp`, offsetsFile);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return Number.isInteger(pid) && alive(pid) ? pid : undefined;
}

function post(url, headers, body) {
  return new Promise((resolvePost) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': body.length }, timeout: 30_000 }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        try {
          resolvePost(res.statusCode === 200 ? JSON.parse(text) : { code: `HTTP ${res.statusCode}` });
        } catch {
          resolvePost({ code: 'bad answer' });
        }
      });
    });
    req.on('error', (err) => resolvePost({ code: err.message }));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

/** Reads complete lines from `offset`; returns them and the offset after the last newline. */
function readLines(file, offset, max) {
  const size = statSync(file).size;
  if (size <= offset) return { lines: [], next: offset };
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(Math.min(size - offset, 8 * 1024 * 1024));
  const n = readSync(fd, buf, 0, buf.length, offset);
  closeSync(fd);
  const lines = [];
  let start = 0;
  for (let i = 0; i < n && lines.length < max; i++) {
    if (buf[i] === 10) {
      const line = buf.subarray(start, i).toString('utf8');
      if (line.trim()) lines.push(line);
      start = i + 1;
    }
  }
  return { lines, next: offset + start };
}

async function daemon() {
  const conf = readConfig();
  const batch = Number(process.env.LOGBUS_STANDIN_BATCH ?? 500);
  const gzip = conf.http_compress === 'gzip';
  const url = conf.specified_push_url ? conf.push_url : `${conf.push_url.replace(/\/+$/, '')}/logbus`;
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  log(`daemon started, pushing to ${url}`);
  while (!stopping) {
    if (process.env.LOGBUS_STANDIN_STALL !== '1') {
      const offsets = loadOffsets();
      for (const { appId, file } of watched(conf)) {
        if (stopping) break;
        const key = `${appId}\t${file}`;
        const at = offsets[key] ?? { offset: 0, lines: 0 };
        const { lines, next } = readLines(file, at.offset, batch);
        if (lines.length === 0) continue;
        const text = Buffer.from(`[${lines.join(',')}]`);
        const answer = await post(url, { appid: appId, compress: gzip ? 'gzip' : 'none', 'content-type': 'text/plain' }, gzip ? gzipSync(text) : text);
        if (answer.code === 0) {
          offsets[key] = { offset: next, lines: at.lines + lines.length };
          saveOffsets(offsets);
        } else {
          log(`send failed for ${file}: ${answer.code}; will retry`);
        }
      }
    }
    await sleep(50);
  }
  log('daemon stopped');
  rmSync(pidFile, { force: true });
}

function start() {
  readConfig();
  if (runningPid()) fail('logbus is already running', 1);
  mkdirSync(runtimeDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const out = openSync(join(logDir, 'daemon.out'), 'a');
  const child = spawn(process.execPath, [process.argv[1], '__daemon'], { cwd, detached: true, stdio: ['ignore', out, out], env: process.env });
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  process.stdout.write(`logbus started (pid ${child.pid})\n`);
}

async function stop() {
  const pid = runningPid();
  if (!pid) {
    process.stdout.write('logbus is not running\n');
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  process.stdout.write('logbus stopped\n');
}

const command = process.argv[2];
if ((process.env.LOGBUS_STANDIN_FAIL ?? '').split(',').includes(command)) fail(`logbus ${command}: failure requested by LOGBUS_STANDIN_FAIL`, 3);

switch (command) {
  case 'env': {
    const conf = readConfig();
    const check = await new Promise((r) => {
      const req = request(`${conf.push_url.replace(/\/+$/, '')}/health-check`, { timeout: 5000 }, (res) => {
        res.resume();
        r(res.statusCode === 200);
      });
      req.on('error', () => r(false));
      req.end();
    });
    if (!check) fail(`cannot reach ${conf.push_url}`, 4);
    process.stdout.write(`config ok; ${conf.datasource.length} datasource(s); ${conf.push_url} reachable\n`);
    break;
  }
  case 'start':
    start();
    break;
  case '__daemon':
    await daemon();
    break;
  case 'stop':
    await stop();
    break;
  case 'restart':
    await stop();
    start();
    break;
  case 'progress': {
    const conf = readConfig();
    const offsets = loadOffsets();
    for (const { appId, file } of watched(conf)) {
      const at = offsets[`${appId}\t${file}`] ?? { offset: 0, lines: 0 };
      process.stdout.write(`app_id=${appId} file=${file} offset=${at.offset}/${statSync(file).size} lines=${at.lines}\n`);
    }
    break;
  }
  case 'reset': {
    if (runningPid()) fail('stop logbus before reset', 1);
    rmSync(offsetsFile, { force: true });
    process.stdout.write('offsets cleared\n');
    break;
  }
  case 'dev': {
    const conf = readConfig();
    let bad = 0;
    let total = 0;
    for (const { file } of watched(conf)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        total++;
        try {
          const r = JSON.parse(line);
          if (typeof r !== 'object' || !r['#type'] || !r['#time']) bad++;
        } catch {
          bad++;
        }
      }
    }
    process.stdout.write(`${total} lines checked, ${bad} malformed\n`);
    if (bad) process.exit(1);
    break;
  }
  default:
    fail('usage: logbus start|stop|restart|env|progress|reset|dev', 2);
}
