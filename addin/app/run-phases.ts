/**
 * The four phases of "generate and send" as the pane shows them, derived from the run's status and
 * progress as the service streams it.
 */
import type { RunSummary } from '../../service/api/schemas/runs.ts';

export type PhaseName = 'validate' | 'submit' | 'generate' | 'send';
export const PHASES: readonly PhaseName[] = ['validate', 'submit', 'generate', 'send'];

export type PhaseStatus = 'waiting' | 'running' | 'done' | 'failed';
export interface PhaseState {
  status: PhaseStatus;
  fraction: number;
}
export type Phases = Record<PhaseName, PhaseState>;

export function initialPhases(): Phases {
  return { validate: { status: 'waiting', fraction: 0 }, submit: { status: 'waiting', fraction: 0 }, generate: { status: 'waiting', fraction: 0 }, send: { status: 'waiting', fraction: 0 } };
}

/** 0..1 from the progress the worker reports: a fraction, or records sent out of the total. */
export function progressFraction(progress: Record<string, unknown>): number {
  const { fraction, recordsSent, recordsTotal } = progress;
  if (typeof fraction === 'number' && Number.isFinite(fraction)) return Math.min(1, Math.max(0, fraction));
  if (typeof recordsSent === 'number' && typeof recordsTotal === 'number' && recordsTotal > 0) return Math.min(1, recordsSent / recordsTotal);
  return 0;
}

const DONE: PhaseState = { status: 'done', fraction: 1 };

/** The generate and send phases for a run state (validate and submit are done by then). */
export function phasesForRun(previous: Phases, run: Pick<RunSummary, 'status' | 'progress'>): Phases {
  const fraction = progressFraction(run.progress);
  const next: Phases = { ...previous, validate: DONE, submit: DONE };
  switch (run.status) {
    case 'created':
    case 'queued':
      next.generate = { status: 'running', fraction: 0 };
      break;
    case 'generating':
      next.generate = { status: 'running', fraction };
      break;
    case 'generated':
      next.generate = DONE;
      next.send = { status: 'running', fraction: 0 };
      break;
    case 'sending':
      next.generate = DONE;
      next.send = { status: 'running', fraction };
      break;
    case 'sent':
      next.generate = DONE;
      next.send = DONE;
      break;
    case 'failed':
    case 'cancelled': {
      const failing: PhaseName = previous.send.status === 'running' || previous.generate.status === 'done' ? 'send' : 'generate';
      next[failing] = { status: 'failed', fraction: previous[failing].fraction };
      break;
    }
  }
  return next;
}
