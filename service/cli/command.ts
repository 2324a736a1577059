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
