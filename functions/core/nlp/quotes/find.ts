import type { EntityMention, Quote } from '../../types.ts';
import { scanQuoteMarks } from './marks.ts';
import { splitParagraphs } from './text.ts';

export function findQuotes(text: string, _entities: readonly EntityMention[]): Quote[] {
  const paras = splitParagraphs(text);
  return scanQuoteMarks(text, paras).map((q) => ({
    type: 'direct' as const,
    text: text.slice(q.start, q.end),
    start: q.start,
    end: q.end,
    cue: null,
    speaker: null,
    paragraph: q.paragraph,
  }));
}
