/**
 * `demo-data`: the command line door onto the engine. Each command lives in its own module under
 * `cli/` and is loaded only when called, so `demo-data validate` never loads the AI SDKs.
 */
import { CliError, type CommandModule } from './cli/command.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  validate: { summary: 'check a taxonomy workbook; prints issues with cell addresses', load: () => import('./cli/validate.ts') },
  inspect: { summary: 'summarise a taxonomy workbook (--json for the parsed taxonomy)', load: () => import('./cli/inspect.ts') },
  template: { summary: 'write an empty, formatted taxonomy workbook (--lang en|ko|zh|ja)', load: () => import('./cli/template.ts') },
  generate: { summary: 'simulate users and write ThinkingEngine JSONL files', load: () => import('./cli/generate.ts') },
  draft: { summary: 'ask AI to draft a taxonomy workbook from a product description', load: () => import('./cli/draft.ts') },
  analyze: { summary: 'turn a taxonomy into generation rules (AI, or offline)', load: () => import('./cli/analyze.ts') },
  send: { summary: 'send a generated run to ThinkingEngine (HTTP or LogBus2)', load: () => import('./cli/send.ts') },
  receiver: { summary: 'run a local ThinkingEngine-compatible receiver', load: () => import('./cli/receiver.ts') },
  serve: { summary: 'run the HTTP service and the task pane', load: () => import('./cli/serve.ts') },
  user: { summary: 'manage service users (user add NAME --admin)', load: () => import('./cli/user.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: demo-data <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'demo-data <command> --help' for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`demo-data: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`demo-data ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`demo-data ${name}: unexpected failure: ${message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return 70;
  }
}
