import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/**
 * A one-word name the text writes after a lower-case "the" as the head of its phrase (`for the
 * Kestrels.`, `the Orrwick's new plant`) is no person: people are named without an article,
 * teams, companies and groups often with one. A name that only modifies a noun after "the" (`the
 * Clinton administration`, `the Richter scale`) is no evidence. Each PERSON mention of such a word becomes ORGANIZATION, unless the document
 * also gives the word inside a longer person's name (`Ada Kestrel`) or after an honorific or a
 * title (`Mr. Kestrel`), where it is a surname.
 */
export function organisationsAfterThe<T extends Named>(text: string, mentions: readonly T[]): T[] {
  const single = new Set<string>();
  for (const m of mentions) if (m.type === 'PERSON' && !/\s/.test(m.text)) single.add(bare(m.text));
  if (single.size === 0) return mentions.slice();
  for (const m of mentions) {
    if (m.type !== 'PERSON' || !/\s/.test(m.text)) continue;
    for (const w of m.text.split(/\s+/)) single.delete(bare(w));
  }
  const org = new Set<string>();
  for (const w of single) {
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])(the|[A-Z][a-z]{0,3}\\.) ${escapeRegExp(w)}(?![\\p{L}\\p{N}])(.?)`,
      'gu',
    );
    let article = false;
    let titled = false;
    for (const m of text.matchAll(re)) {
      if (m[1] !== 'the') titled = true;
      else if (m[2] === '' || /[’'.,;:!?)]/u.test(m[2]!)) article = true;
    }
    if (article && !titled) org.add(w);
  }
  if (org.size === 0) return mentions.slice();
  return mentions.map((m) =>
    m.type === 'PERSON' && org.has(bare(m.text)) ? { ...m, type: 'ORGANIZATION' } : m,
  );
}

function bare(w: string): string {
  return w.replace(/[’']s$/u, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
