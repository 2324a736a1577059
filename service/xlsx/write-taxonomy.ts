/** A taxonomy to a formatted .xlsx in one language, written atomically (temp name, then rename). */
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { renderWorkbook, type Language, type Taxonomy } from '../../taxonomy/index.ts';
import { writeWorkbookBuffer } from './write-workbook.ts';

export async function taxonomyWorkbookBuffer(taxonomy: Taxonomy, language: Language): Promise<Buffer> {
  return writeWorkbookBuffer(renderWorkbook(taxonomy, language), { language });
}

/** Writes `buf` to `path` so a reader never sees half a file. */
export async function writeFileAtomic(path: string, buf: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, buf);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function writeTaxonomyWorkbook(path: string, taxonomy: Taxonomy, language: Language): Promise<void> {
  await writeFileAtomic(path, await taxonomyWorkbookBuffer(taxonomy, language));
}
