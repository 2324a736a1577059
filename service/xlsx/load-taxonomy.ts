/** A workbook file straight to a parsed taxonomy: the service's and the CLI's one-liner. */
import { parseWorkbook, type ParsedWorkbook } from '../../taxonomy/index.ts';
import { readWorkbookBuffer, readWorkbookFile, type ReadOptions } from './read-workbook.ts';

export async function loadTaxonomyFile(path: string): Promise<ParsedWorkbook> {
  return parseWorkbook(await readWorkbookFile(path));
}

export async function loadTaxonomyBuffer(buf: Buffer | Uint8Array, options: ReadOptions = {}): Promise<ParsedWorkbook> {
  return parseWorkbook(await readWorkbookBuffer(buf, options));
}
