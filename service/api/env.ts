/** Hono context variables set by the middleware. */
import type { AccessClaims } from '../auth/tokens.ts';

export interface AppEnv {
  Variables: {
    user: AccessClaims | undefined;
    /** Why a presented token was refused (the route decides whether that matters). */
    authFailure: 'expired' | 'invalid' | undefined;
    requestId: string;
  };
}
