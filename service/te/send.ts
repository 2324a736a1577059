/**
 * Sending a generated run to ThinkingEngine: over HTTP (`/sync_server`, resumable by checkpoint) or
 * through the user's LogBus2 (resumable by LogBus2's own offsets). The sandbox destination is the
 * built-in receiver, reached over HTTP like TE.
 */
import { sendHttp, type HttpSendOptions } from './http/sender.ts';
import { sendViaLogbus } from './logbus/driver.ts';
import { receiverBase } from './http/post.ts';
import type { SendProgress, SendReport } from './send-types.ts';

export { SendError, type SendErrorKind, type SendProgress, type SendReport } from './send-types.ts';
export { preflightRun, type PreflightReport } from './preflight.ts';
export { receiverBase } from './http/post.ts';

export type Destination =
  | { kind: 'http' | 'sandbox'; url: string; appId: string; concurrency?: number; batchSize?: number }
  | { kind: 'logbus'; url: string; appId: string; logbusPath?: string; workRoot?: string; reset?: boolean; pollMs?: number; stallMs?: number };

export interface SendRunOptions {
  runDir: string;
  destination: Destination;
  /** HTTP only: where to keep the checkpoint; without it an interrupted send starts over. */
  checkpointFile?: string;
  signal?: AbortSignal;
  onProgress?: (p: SendProgress) => void;
  /** HTTP only: back-off settings (tests make them short). */
  retry?: HttpSendOptions['retry'];
}

export function sendRun(opts: SendRunOptions): Promise<SendReport> {
  const d = opts.destination;
  const destination = { url: receiverBase(d.url), appId: d.appId };
  if (d.kind === 'logbus') {
    return sendViaLogbus({
      runDir: opts.runDir,
      destination,
      logbusPath: d.logbusPath,
      workRoot: d.workRoot,
      reset: d.reset,
      pollMs: d.pollMs,
      stallMs: d.stallMs,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  }
  return sendHttp({
    runDir: opts.runDir,
    destination,
    checkpointFile: opts.checkpointFile,
    signal: opts.signal,
    onProgress: opts.onProgress,
    concurrency: d.concurrency,
    batchSize: d.batchSize,
    retry: opts.retry,
  });
}
