/** `demo-data receiver`: a local ThinkingEngine-compatible receiver to rehearse a send. */
import { startReceiver } from '../te/receiver/index.ts';
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data receiver [options]

Runs a ThinkingEngine-compatible receiver on loopback. It answers like TE on /sync_server,
/data_debug, /sync_data, /sync_json and /logbus, validates every record (including the type lock
per app id), drops duplicate #uuid, and keeps a report of what it rejected.

Options:
  --port N          port to listen on (default 8991; 0 picks a free port)
  --host HOST       address to listen on (default 127.0.0.1)
  --app-id ID       a known app id (repeat for several); others are answered -2. Default: accept any
  --store FILE      append accepted records to FILE as JSON lines
  --count-only      keep counts only, not the records themselves (for long rehearsals)
  --log-unknown FILE  append requests it does not understand (e.g. unexpected /logbus bodies) to FILE
  --time-window     reject #time outside what TE accepts (3 years back to 3 days ahead of now)
  -h, --help        show this help

Inspect it while it runs:
  GET  /_control/summary     counts accepted per app id, rejected, duplicates
  GET  /_control/rejected    rejected records with their issues, and requests not understood
  GET  /_control/records?appid=ID&limit=N
  POST /_control/faults      inject faults, e.g. [{"kind":"status","status":500,"count":3}]
  POST /_control/reset       forget everything kept
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      port: { type: 'string', default: '8991' },
      host: { type: 'string', default: '127.0.0.1' },
      'app-id': { type: 'string', multiple: true },
      store: { type: 'string' },
      'count-only': { type: 'boolean', default: false },
      'log-unknown': { type: 'string' },
      'time-window': { type: 'boolean', default: false },
    },
    HELP,
  );
  if (!parsed) return 0;
  const { values: args, positionals } = parsed;
  if (positionals.length) throw new CliError(`receiver takes no file arguments (got ${positionals.join(' ')}); see --help`, 2);
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number 0-65535, not "${args.port}"`, 2);

  let receiver;
  try {
    receiver = await startReceiver({
      host: args.host,
      port,
      appIds: args['app-id'],
      store: { file: args.store, keepRecords: !args['count-only'], unknownLogFile: args['log-unknown'] },
      validator: args['time-window'] ? { receivedAt: Date.now } : {},
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ` Port ${port} is in use; pick another with --port.` : '';
    throw new CliError(`cannot start the receiver: ${(err as Error).message}.${hint}`, 3);
  }
  const apps = args['app-id']?.length ? `app ids ${args['app-id'].join(', ')}` : 'any app id';
  process.stderr.write(`receiver listening on ${receiver.url} (${apps}); Ctrl-C to stop\n`);

  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  const summary = receiver.store.summary();
  await receiver.close();
  process.stderr.write(
    `accepted ${JSON.stringify(summary.accepted)}; rejected ${summary.rejected}${summary.rejected ? ` ${JSON.stringify(summary.rejectedByCode)}` : ''}; duplicates ${summary.duplicates}; not understood ${summary.unknownRequests}\n`,
  );
  return 0;
}
