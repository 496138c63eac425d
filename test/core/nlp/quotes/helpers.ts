import type { EntityMention, EntityType } from '../../../../functions/core/types.ts';

/** Entity mentions for every occurrence of each name, as a recogniser would give them. */
export function mentions(text: string, names: readonly [string, EntityType, string?][]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [name, type, canonical] of names) {
    let i = text.indexOf(name);
    while (i >= 0) {
      const before = text[i - 1];
      const after = text[i + name.length];
      if (!(before && /\w/.test(before)) && !(after && /\w/.test(after))) {
        out.push({ type, text: name, start: i, end: i + name.length, canonical: canonical ?? name });
      }
      i = text.indexOf(name, i + name.length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
