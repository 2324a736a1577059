/**
 * Turns what the user asked for (`sandbox`, `http`, `logbus`, with optional URL and app id) into a
 * concrete destination, filling gaps from their settings. Resolved when the send starts, so the TE
 * app id is never stored unencrypted in the queue.
 */
import type { Destination } from '../api/schemas/runs.ts';
import type { UserSettings } from '../settings/store.ts';
import type { Integrations, ResolvedDestination } from './adapters.ts';

export class DestinationError extends Error {}

/** What is missing for this destination, or undefined when it can be resolved (checked up front). */
export function missingForDestination(d: Destination, s: UserSettings): string | undefined {
  if (d.kind === 'sandbox') return undefined;
  if (!d.url && !s.teReceiverUrl) return 'No receiver URL: give destination.url or set teReceiverUrl in your settings.';
  if (!d.appId && !s.teAppId) return 'No TE app id: give destination.appId or set teAppId in your settings.';
  if (d.kind === 'logbus' && !s.logbusPath && !process.env.LOGBUS_PATH) return 'No LogBus2 binary: set logbusPath in your settings (or LOGBUS_PATH on the server).';
  return undefined;
}

/** The sandbox keeps each run under its own app id, so a user's records are those of their runs. */
export const sandboxAppId = (runId: string) => `sandbox_${runId}`;

export async function resolveDestination(d: Destination, runId: string, s: UserSettings, integrations: Integrations): Promise<ResolvedDestination> {
  const missing = missingForDestination(d, s);
  if (missing) throw new DestinationError(missing);
  if (d.kind === 'sandbox') {
    const receiver = await integrations.sandbox();
    return { kind: 'sandbox', url: receiver.url, appId: d.appId ?? sandboxAppId(runId) };
  }
  const base = { url: (d.url ?? s.teReceiverUrl)!, appId: (d.appId ?? s.teAppId)! };
  if (d.kind === 'logbus') return { kind: 'logbus', ...base, logbusPath: (s.logbusPath ?? process.env.LOGBUS_PATH)! };
  return { kind: 'http', ...base };
}
