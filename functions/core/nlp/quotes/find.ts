import type { EntityMention, Quote } from '../../types.ts';

/** Placeholder: straight and curly double-quoted spans, no speaker. Replaced by the quote module. */
export function findQuotes(text: string, _entities: readonly EntityMention[]): Quote[] {
  const out: Quote[] = [];
  for (const m of text.matchAll(/["“][^"”\n]{1,2000}["”]/g)) {
    out.push({
      type: 'direct',
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      cue: null,
      speaker: null,
    });
  }
  return out;
}
