/**
 * The worker's side of back-pressure: each chunk it posts uses a credit, and the main thread
 * returns the credit (with the chunk's buffers) once the chunk is written.
 *
 * Returned credits are taken with `receiveMessageOnPort`, not a 'message' listener: the
 * simulation resumes inside the first delivered message's microtasks, so a listener hands the
 * worker one credit per turn of its event loop and it stalls at the limit with the rest of its
 * credits still queued.
 */
import { once } from 'node:events';
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { MainMessage } from './messages.ts';

export class Credits {
  private outstanding = 0;

  constructor(
    private readonly port: MessagePort,
    readonly limit: number,
    private readonly onReturned: (m: MainMessage) => void,
  ) {}

  get inFlight(): number {
    return this.outstanding;
  }

  /** Counts a chunk just posted. */
  spend(): void {
    this.outstanding++;
  }

  /** Takes every returned credit, then waits only while the limit is still reached. */
  async wait(): Promise<void> {
    this.drain();
    while (this.outstanding >= this.limit) {
      const [m] = (await once(this.port, 'message')) as [MainMessage];
      this.take(m);
      this.drain();
    }
  }

  private drain(): void {
    for (let r = receiveMessageOnPort(this.port); r; r = receiveMessageOnPort(this.port)) this.take(r.message as MainMessage);
  }

  private take(m: MainMessage): void {
    if (m.type !== 'credit') return;
    this.outstanding--;
    this.onReturned(m);
  }
}
