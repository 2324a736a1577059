import { describe, expect, it } from 'vitest';
import { wrapBareTextInInlineStrings, wrapBareTextInSharedStrings } from './repair-rich-text.ts';

describe('wrapBareTextInSharedStrings', () => {
  it('wraps a bare text that precedes runs into its own run, keeping every character', () => {
    const xml =
      '<sst><si><t/><r><rPr><b/></rPr><t>Name</t></r></si><si><t xml:space="preserve">a </t><r><t>b</t></r></si><si><t>plain</t></si></sst>';
    expect(wrapBareTextInSharedStrings(xml)).toBe(
      '<sst><si><r><t/></r><r><rPr><b/></rPr><t>Name</t></r></si><si><r><t xml:space="preserve">a </t></r><r><t>b</t></r></si><si><t>plain</t></si></sst>',
    );
  });

  it('leaves plain strings and phonetic runs alone', () => {
    const xml = '<sst><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si><r><t>x</t></r></si></sst>';
    expect(wrapBareTextInSharedStrings(xml)).toBe(xml);
  });
});

describe('wrapBareTextInInlineStrings', () => {
  it('repairs inline strings in a worksheet', () => {
    const xml = '<c r="A1" t="inlineStr"><is><t></t><r><t>x</t></r></is></c>';
    expect(wrapBareTextInInlineStrings(xml)).toBe('<c r="A1" t="inlineStr"><is><r><t></t></r><r><t>x</t></r></is></c>');
  });

  it('returns a sheet without inline strings unchanged', () => {
    const xml = '<c r="A1" t="s"><v>0</v></c>';
    expect(wrapBareTextInInlineStrings(xml)).toBe(xml);
  });
});
