import { describe, expect, it } from 'vitest';
import { initialPhases, phasesForRun, progressFraction } from './run-phases.ts';

describe('run phases', () => {
  it('reads a fraction or records sent out of the total', () => {
    expect(progressFraction({ fraction: 0.25 })).toBe(0.25);
    expect(progressFraction({ recordsSent: 30, recordsTotal: 120 })).toBe(0.25);
    expect(progressFraction({ fraction: 7 })).toBe(1);
    expect(progressFraction({})).toBe(0);
  });

  it('moves through generate and send, and marks the phase that failed', () => {
    let p = phasesForRun(initialPhases(), { status: 'generating', progress: { fraction: 0.5 } });
    expect([p.validate.status, p.submit.status, p.generate.status, p.generate.fraction, p.send.status]).toEqual(['done', 'done', 'running', 0.5, 'waiting']);
    p = phasesForRun(p, { status: 'sending', progress: { recordsSent: 1, recordsTotal: 4 } });
    expect([p.generate.status, p.send.status, p.send.fraction]).toEqual(['done', 'running', 0.25]);
    const failedSend = phasesForRun(p, { status: 'failed', progress: {} });
    expect(failedSend.send.status).toBe('failed');
    const failedGenerate = phasesForRun(phasesForRun(initialPhases(), { status: 'generating', progress: {} }), { status: 'failed', progress: {} });
    expect([failedGenerate.generate.status, failedGenerate.send.status]).toEqual(['failed', 'waiting']);
    expect(phasesForRun(p, { status: 'sent', progress: {} }).send).toEqual({ status: 'done', fraction: 1 });
  });
});
