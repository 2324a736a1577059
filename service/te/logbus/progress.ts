/**
 * Reading `logbus progress`. Its output format is undocumented, so the parser looks, for each of
 * our files, for a line naming it and a `done/total` byte pair (or `100%`), and keeps the raw text.
 * A file it cannot find is simply not done yet.
 */

export interface FileProgress {
  file: string;
  /** Bytes acknowledged, when the output said so. */
  offset?: number;
  size: number;
  done: boolean;
}

export interface ParsedProgress {
  files: FileProgress[];
  done: boolean;
  raw: string;
}

export function parseProgress(raw: string, files: { path: string; size: number }[]): ParsedProgress {
  const lines = raw.split(/\r?\n/);
  const out: FileProgress[] = files.map(({ path, size }) => {
    // A zero-byte file has nothing to send.
    if (size === 0) return { file: path, offset: 0, size, done: true };
    const line = lines.find((l) => l.includes(path));
    if (!line) return { file: path, size, done: false };
    if (/\b100(\.0+)?\s*%/.test(line)) return { file: path, offset: size, size, done: true };
    for (const m of line.matchAll(/(\d+)\s*\/\s*(\d+)/g)) {
      const offset = Number(m[1]);
      if (Number(m[2]) === size) return { file: path, offset, size, done: offset >= size };
    }
    return { file: path, size, done: false };
  });
  return { files: out, done: out.every((f) => f.done), raw };
}
