/**
 * A scavenge of this thread's young generation on request.
 *
 * Why: a Buffer's memory is returned only when a garbage collection finds the Buffer dead, and
 * V8 starts one for memory outside its heap only after some 64 MB of it. The merging thread
 * allocates almost nothing on its heap, but zlib's synchronous API gives every compressed block a
 * new 256 KiB output buffer, so tens of MB of dead blocks sat in a gzip run's resident memory.
 * A scavenge of a near-empty young generation takes well under a millisecond.
 *
 * V8 only hands out its `gc` function to contexts made while `--expose-gc` is set, so one context
 * is made with the flag on, and the flag is turned off again at once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'minor' | 'major' }) => void;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as Gc | undefined;
setFlagsFromString('--no-expose-gc');

export function collectYoungGarbage(): void {
  gc?.({ type: 'minor' });
}
