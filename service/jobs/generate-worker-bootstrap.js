// Worker entry: tsx must be registered inside the worker too, then the real worker module loads.
import { register } from 'tsx/esm/api';

register();
await import('./generate-worker.ts');
