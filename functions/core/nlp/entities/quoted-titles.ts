import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/** Short words a title may keep in lower case (`Dancing in the Rain`). */
const MINOR = new Set(
  'a an the and or nor but of to in on at by for with from as into onto over is it its'.split(' '),
);

/**
 * A double-quoted phrase of two to eight words (`“Kestrel Days,”`, `"Rain On The Orr"`); group 1
 * is the phrase without a comma or period the quotes take in.
 */
const QUOTED = /(?:“|(?<![\p{L}\p{N}])")([^“”"\n]{3,80}?)[,.]?(?:”|"(?![\p{L}\p{N}]))/gu;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;

function titleCased(phrase: string): boolean {
  const words = phrase.match(WORD) ?? [];
  if (words.length < 2 || words.length > 8) return false;
  if (!/^\p{Lu}|^\p{N}/u.test(words[0]!)) return false;
  if (/[!?;:]/u.test(phrase)) return false;
  return words.every((w) => /^\p{Lu}|^\p{N}/u.test(w) || MINOR.has(w.toLowerCase()));
}

/**
 * Titles of works in quotation marks are one MISC mention (annotation guidelines: songs, albums,
 * podcasts, books, programmes): a double-quoted phrase of two to eight words in title case (every
 * word capitalised but short function words) replaces the mentions inside it when the model found
 * a name in part of it (it reads `Rain On The Orr` as a place after three common words), or when
 * it stands in a list of quoted titles (`“Kestrel Days,” “Rain On The Orr,”`). A lone quoted
 * phrase the model saw no name in is more often a slogan or a chant, which is not annotated, and
 * one it read whole as a name is a nickname or a name (`a “Kestrel Team” relay`).
 */
export function quotedTitles<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  const found: { start: number; end: number }[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const phrase = m[1]!.trim();
    if (!titleCased(phrase)) continue;
    const start = m.index + m[0].indexOf(phrase);
    found.push({ start, end: start + phrase.length });
  }
  if (found.length === 0) return mentions.slice();
  const listed = (i: number) => {
    const gap = (a: { end: number } | undefined, b: { start: number } | undefined) =>
      a !== undefined &&
      b !== undefined &&
      /^[,.]?["”]?,? (?:and |or )?["“]$/u.test(text.slice(a.end, b.start));
    return gap(found[i - 1], found[i]) || gap(found[i], found[i + 1]);
  };
  const keep = found.filter(
    (f, i) =>
      listed(i) ||
      mentions.some((m) => m.start >= f.start && m.end <= f.end && (m.start > f.start || m.end < f.end)),
  );
  if (keep.length === 0) return mentions.slice();
  const out: (T | Named)[] = mentions.filter((m) => !keep.some((f) => m.start < f.end && f.start < m.end));
  for (const f of keep)
    out.push({ type: 'MISC', start: f.start, end: f.end, text: text.slice(f.start, f.end) });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
