/**
 * Works around exceljs 4.4.0 crashing on rich text that starts with a bare `<t>`.
 *
 * ECMA-376 defines a string item (`CT_Rst`) as `t? r* rPh* phoneticPr?`, so `<si><t/><r>…</r></si>`
 * is valid, and it is what ThinkingData's tracking-plan template (and Lark/Feishu exports) contain:
 * an empty text followed by styled runs such as a red " (필수)". exceljs stores the bare `<t>` as
 * the item's model (a string) and then sets `.richText` on that string when the first `<r>` closes,
 * which throws `Cannot create property 'richText' on string ''` (SharedStringXform.parseClose; the
 * same happens for inline strings in CellXform). Wrapping the bare `<t>` in its own `<r>` run keeps
 * every character and gives exceljs the shape it can parse.
 */
import JSZip from 'jszip';

// Text content cannot hold a raw '<' (it is escaped as &lt;), so `[^<]*` stays linear on big parts
// where a lazy `[\s\S]*?` would backtrack across the whole file.
const BARE_TEXT = '(<t(?:\\s[^>]*)?/>|<t(?:\\s[^>]*)?>[^<]*</t>)';
/** A run follows; `<rPh` (phonetic run) starts with `<r` too and must not match. */
const RUN_FOLLOWS = '(?=\\s*<r[\\s>])';

const SHARED_ITEM = new RegExp(`<si>(\\s*)${BARE_TEXT}${RUN_FOLLOWS}`, 'g');
const INLINE_ITEM = new RegExp(`<is>(\\s*)${BARE_TEXT}${RUN_FOLLOWS}`, 'g');

/** Rewrites `<si><t>x</t><r>` into `<si><r><t>x</t></r><r>`; other items are untouched. */
export function wrapBareTextInSharedStrings(xml: string): string {
  return xml.replace(SHARED_ITEM, '<si>$1<r>$2</r>');
}

/** The same for inline strings (`<c t="inlineStr"><is>…</is></c>`) in a worksheet part. */
export function wrapBareTextInInlineStrings(xml: string): string {
  if (!xml.includes('<is>')) return xml;
  return xml.replace(INLINE_ITEM, '<is>$1<r>$2</r>');
}

const SHARED_STRINGS_PART = /^\/?xl\/sharedStrings\.xml$/i;
const WORKSHEET_PART = /^\/?xl\/worksheets\/[^/]+\.xml$/i;

/**
 * Applies the rewrite to an opened package. Returns true when any part changed, so the caller
 * re-serialises the package only when it has to.
 */
export async function repairRichText(zip: JSZip): Promise<boolean> {
  let changed = false;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const repair = SHARED_STRINGS_PART.test(entry.name)
      ? wrapBareTextInSharedStrings
      : WORKSHEET_PART.test(entry.name)
        ? wrapBareTextInInlineStrings
        : undefined;
    if (!repair) continue;
    const xml = await entry.async('string');
    const fixed = repair(xml);
    if (fixed !== xml) {
      zip.file(entry.name, fixed);
      changed = true;
    }
  }
  return changed;
}
