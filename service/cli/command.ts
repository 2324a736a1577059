import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every `demo-data` command module exports. */
export interface CommandModule {
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/**
 * A failure the user can act on: printed as one line without a stack trace.
 * Exit codes: 1 the input has errors, 2 bad usage, 3 the input cannot be read, 4 a remote failed.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's flags (adding `-h/--help`). Returns null after printing the help, so a command
 * starts with `const args = parseCommandArgs(argv, {...}, HELP); if (!args) return 0;`.
 * A flag the command does not know is a usage error that shows the help.
 */
export function parseCommandArgs<const O extends OptionsConfig>(argv: string[], options: O, help: string) {
  const config = {
    args: argv,
    options: { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } },
    allowPositionals: true,
    strict: true,
  } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${help}`, 2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help);
    return null;
  }
  return parsed;
}

/** The single positional file argument of a command, or a usage error. */
export function fileArgument(positionals: readonly string[], command: string): string {
  if (positionals.length === 0) throw new CliError(`give the workbook to ${command}: demo-data ${command} <file.xlsx> (see --help)`, 2);
  if (positionals.length > 1) throw new CliError(`${command} takes one workbook, got ${positionals.length}: ${positionals.join(' ')}`, 2);
  return positionals[0]!;
}
