/** Why a file could not be read as a workbook; the CLI maps every kind to exit code 3. */
export type WorkbookReadProblem =
  | 'not_found'
  | 'too_large'
  | 'not_xlsx'
  | 'corrupt'
  | 'no_sheets';

/**
 * The one error a workbook reader throws. `message` is meant for the user as is: it says what is
 * wrong with the file and what to do about it, without a stack trace.
 */
export class WorkbookReadError extends Error {
  constructor(
    readonly problem: WorkbookReadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

/** Workbooks above this size are refused before they are unzipped. */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;
