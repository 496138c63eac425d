import type { EntityMention } from '../../types.ts';

/** Placeholder recogniser: capitalised word runs, all typed MISC. Replaced by the trained model. */
export function recognizeEntities(text: string): EntityMention[] {
  const out: EntityMention[] = [];
  const re = /\b[A-Z][a-z]+(?: [A-Z][a-z]+)*/g;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    out.push({ type: 'MISC', text: m[0], start, end: start + m[0].length, canonical: m[0] });
  }
  return out;
}
