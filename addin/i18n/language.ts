/** The pane's language from Office's display language ("ko-KR" → ko); English otherwise. */
import type { Language } from '../../taxonomy/model.ts';

export function languageFromDisplay(displayLanguage: string | undefined): Language {
  const tag = (displayLanguage ?? '').toLowerCase();
  if (tag.startsWith('ko')) return 'ko';
  if (tag.startsWith('zh')) return 'zh';
  if (tag.startsWith('ja')) return 'ja';
  return 'en';
}
