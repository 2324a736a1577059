/** Every text the pane shows, in English, Korean, Chinese and Japanese, looked up by key. */
import type { Language } from '../../taxonomy/model.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import { zh } from './zh.ts';

export type { MessageKey } from './en.ts';

const ALL: Record<Language, Messages> = { en, ko, zh, ja };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = ALL[language];
  return (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (values && name in values ? String(values[name]) : whole));
}
