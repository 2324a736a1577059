/**
 * Recognises what a buffer that is not an .xlsx package actually is, so the user is told
 * "this is an old .xls" instead of a zip library's complaint.
 */
import { WorkbookReadError } from './errors.ts';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: legacy .xls, and also password-protected .xlsx. */
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: readonly number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

function looksLikeText(buf: Uint8Array): boolean {
  const sample = buf.subarray(0, 4096);
  if (sample.length === 0) return false;
  let printable = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) printable++;
  }
  return printable / sample.length > 0.95;
}

/** Throws a `WorkbookReadError` naming the kind of file unless `buf` starts like a zip package. */
export function assertZipPackage(buf: Uint8Array, label: string): void {
  if (buf.length === 0) {
    throw new WorkbookReadError('not_xlsx', `${label} is empty (0 bytes). Save the workbook from Excel as .xlsx and try again.`);
  }
  if (startsWith(buf, ZIP_MAGIC)) return;
  if (startsWith(buf, OLE2_MAGIC)) {
    throw new WorkbookReadError(
      'not_xlsx',
      `${label} is a legacy .xls workbook or a password-protected file. Open it in Excel, remove any password, and save it as "Excel Workbook (.xlsx)".`,
    );
  }
  const head = Buffer.from(buf.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF')) {
    throw new WorkbookReadError('not_xlsx', `${label} is a PDF, not an Excel workbook. Export the taxonomy from Excel as .xlsx.`);
  }
  if (looksLikeText(buf)) {
    throw new WorkbookReadError(
      'not_xlsx',
      `${label} is a text file (CSV or similar), not an Excel workbook. Open it in Excel and save it as .xlsx.`,
    );
  }
  throw new WorkbookReadError('not_xlsx', `${label} is not an .xlsx workbook. Save the taxonomy from Excel as "Excel Workbook (.xlsx)".`);
}
