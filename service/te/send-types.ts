/** What a send reports while running and when it ends, whatever the route (HTTP or LogBus2). */

export interface SendProgress {
  recordsSent: number;
  recordsTotal: number;
  /** Bytes on the wire (compressed) acknowledged so far, in this invocation. */
  bytesSent: number;
  /** Batches acknowledged in this invocation. */
  batchesSent: number;
  retries: number;
  /** Records already sent by an earlier, interrupted invocation. */
  resumedFrom: number;
}

export interface SendReport extends SendProgress {
  complete: boolean;
  elapsedMs: number;
}

export type SendErrorKind = 'unknown_app' | 'rejected' | 'ip_denied' | 'transport' | 'aborted' | 'checkpoint' | 'run' | 'logbus';

/** A send that stopped; `report` says how far it got (the checkpoint lets it resume). */
export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    message: string,
    public report: SendReport,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
