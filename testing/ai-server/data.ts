/** Reads a `<tag>` JSON block back out of a prompt (the format service/ai/prompts/data-block.ts writes). */
export function readDataBlock<T>(text: string, tag: string): T | undefined {
  const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as T;
  } catch {
    return undefined;
  }
}
