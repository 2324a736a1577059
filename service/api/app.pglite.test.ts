import { describe } from 'vitest';
import { routeSuite } from './route-suite.ts';

describe('service routes on embedded PGlite', () => routeSuite('pglite'));
