/**
 * Where a bench case's CPU went, read from Linux's /proc while the case runs: the main thread
 * (writing files, and compressing with one worker), the simulation workers, the process's other
 * threads (V8's garbage-collector and compiler helpers, libuv's pool), and the machine outside
 * the process (the kernel's writeback of the files the case wrote, anything else running).
 *
 * Node 20 has no per-thread CPU clock (`process.threadCpuUsage` came in 22) and names none of its
 * threads, so threads are sampled a few times a second and the workers are told apart by load:
 * they run the simulation and are an order of magnitude busier than any helper thread.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSplit {
  /** The workers together, user and kernel time. */
  simulation: number;
  main: number;
  /** The part of `main` spent in the kernel, which is mostly copying output into the page cache. */
  mainKernel: number;
  otherThreads: number;
  outsideProcess: number;
}

/** Linux reports /proc times in USER_HZ ticks, 100 a second on every architecture's ABI. */
const TICK = 0.01;
const EVERY_MS = 200;

interface Ticks {
  user: number;
  system: number;
}

function threadTicks(tid: string): Ticks | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
    // The command name may hold spaces and parentheses; the fields after its closing one do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]), system: Number(fields[12]) };
  } catch {
    return null; // the thread ended between listing and reading
  }
}

/** Busy ticks of the whole machine: every state but idle, iowait and steal. */
function machineBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = cpu;
  return user + nice + system + irq + softirq;
}

function processSeconds(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
}

/** Starts sampling; `stop(workers)` returns the split since the start, or null off Linux. */
export function sampleThreadCpu(): { stop: (workers: number) => CpuSplit | null } {
  let available = true;
  try {
    readdirSync('/proc/self/task');
  } catch {
    available = false;
  }
  if (!available) return { stop: () => null };
  const start = new Map<string, Ticks>();
  const last = new Map<string, Ticks>();
  const sample = () => {
    const first = start.size === 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const t = threadTicks(tid);
      if (t === null) continue;
      // A thread that starts later (a worker) counts from zero, not from its first reading.
      if (!start.has(tid)) start.set(tid, first ? t : { user: 0, system: 0 });
      last.set(tid, t);
    }
  };
  const busy0 = machineBusyTicks();
  const process0 = processSeconds();
  sample();
  const timer = setInterval(sample, EVERY_MS);
  return {
    stop(workers) {
      clearInterval(timer);
      sample();
      const total = processSeconds() - process0;
      const outside = Math.max(0, (machineBusyTicks() - busy0) * TICK - total);
      const used = [...last].map(([tid, t]) => {
        const s = start.get(tid)!;
        return { tid, user: (t.user - s.user) * TICK, system: (t.system - s.system) * TICK };
      });
      const mainTid = String(process.pid);
      const main = used.find((t) => t.tid === mainTid) ?? { tid: mainTid, user: 0, system: 0 };
      const busiest = used.filter((t) => t.tid !== mainTid).sort((a, b) => b.user + b.system - (a.user + a.system)).slice(0, workers);
      const simulation = busiest.reduce((s, t) => s + t.user + t.system, 0);
      const mainSeconds = main.user + main.system;
      // Whatever the samples missed (threads that ended between two readings) stays in the
      // process's exact total, so it is counted with the other threads rather than lost.
      return { simulation, main: mainSeconds, mainKernel: main.system, otherThreads: Math.max(0, total - simulation - mainSeconds), outsideProcess: outside };
    },
  };
}
