import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/** A word of a product name: capitalised (`Kestrel`), camel-cased (`eReader`) or a model number (`K300`, `747`). */
const PRODUCT_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}+]*|\p{N}+[\p{L}\p{N}]*|\p{Ll}+\p{Lu}[\p{L}\p{N}]*)`;

/**
 * A product line and its model suffix: one or two product words, then `Pro`, `Max`, `Ultra` or
 * `Mini` (plural too) ending the name (no capitalised word after it on the same line).
 */
const PRODUCT_LINE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.'’-])(${PRODUCT_WORD}(?: ${PRODUCT_WORD})?) (?:Pro|Max|Ultra|Mini)s?(?![\p{L}\p{N}'’-])(?! \p{Lu})`,
  'gu',
);

/** A model suffix anywhere in the text: the product-line pattern is tried only then. */
const SUFFIX = / (?:Pro|Max|Ultra|Mini)s?(?![\p{L}\p{N}'’-])/u;

const overlaps = (a: { start: number; end: number }, s: number, e: number) => a.start < e && s < a.end;

/**
 * Products named by a line and a model suffix are MISC (annotation guidelines: products and
 * models): `Kestrel Tab Pro`, `K300 Max` become one MISC mention whatever the model made of
 * their words (it learned names from 1996 wire text, where such suffixes are rare, and reads
 * `Pro` as a surname), and the line named alone or in the plural elsewhere in the text
 * (`Kestrel Tab`, `Kestrel Tabs`, `Kestrel Tab Pros`) is the product too: its mentions become
 * MISC, and unmentioned occurrences of the full name are added. A name with a known first name is
 * a person's (`Dennis Max`).
 */
export function productLines<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  if (!SUFFIX.test(text)) return mentions.slice();
  const found: { start: number; end: number; base: string }[] = [];
  for (const m of text.matchAll(PRODUCT_LINE)) {
    // A first name before the suffix is a person (`Dennis Max`).
    const words = m[1]!.toLowerCase().split(' ');
    if (words.some((w) => MALE_FIRST_NAMES.has(w) || FEMALE_FIRST_NAMES.has(w))) continue;
    // A count before a model number is no part of the name (`400 K40 Max jets`).
    const count = /^\p{N}+ (?=\p{N})/u.exec(m[1]!)?.[0].length ?? 0;
    found.push({ start: m.index + count, end: m.index + m[0].length, base: m[1]!.slice(count) });
  }
  if (found.length === 0) return mentions.slice();
  const full = new Set<string>();
  const bases = new Set<string>();
  for (const f of found) {
    const name = text.slice(f.start, f.end).replace(/s$/u, '');
    full.add(name);
    full.add(`${name}s`);
    bases.add(f.base);
    bases.add(`${f.base}s`);
  }
  const out: (T | Named)[] = mentions.filter((m) => !found.some((f) => overlaps(m, f.start, f.end)));
  for (const f of found)
    out.push({ type: 'MISC', start: f.start, end: f.end, text: text.slice(f.start, f.end) });
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    if (m.type !== 'MISC' && (bases.has(m.text) || full.has(m.text))) out[i] = { ...m, type: 'MISC' };
  }
  for (const name of full) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const s = m.index;
      const e = s + name.length;
      if (!out.some((o) => overlaps(o, s, e))) out.push({ type: 'MISC', start: s, end: e, text: name });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A tournament's finals are part of its name and an event: a MISC or ORGANIZATION mention
 * followed by `Final` or `Finals` (`the Kestrel Cup Finals`) becomes one MISC mention with it,
 * and a mention that ends with the word is MISC (`the Kestrel Tour Finals`, not the tour's
 * organiser). 1996 wire text writes `final` in lower case.
 */
export function eventFinals<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  const out: (T | Named)[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.type !== 'MISC' && m.type !== 'ORGANIZATION') {
      out.push(m);
      continue;
    }
    const after = /^ Finals?(?![\p{L}\p{N}])/u.exec(text.slice(m.end, m.end + 8));
    if (after) {
      const end = m.end + after[0].length;
      // A mention of the word itself is taken in.
      const next = mentions[i + 1];
      if (next && next.start < end) i++;
      out.push({ ...m, type: 'MISC', end, text: text.slice(m.start, end) });
      continue;
    }
    out.push(/ Finals?$/u.test(m.text) ? { ...m, type: 'MISC' } : m);
  }
  return out;
}

/** A word in lower case up to its first capital, camel-cased after it: `eReader`, `qPad`, `xOS`. */
const CAMEL = /(?<![\p{L}\p{N}'’.@#/-])\p{Ll}{1,3}\p{Lu}[\p{L}\p{N}]+(?![\p{L}\p{N}@/]|[.-]\p{L})/gu;

/**
 * Words written in lower case up to a capital (`eReader`, `qPad`, `xOS`) are product and brand
 * names of today, which 1996 wire text never shows and the model misses: each one that no
 * mention covers becomes a MISC mention (products, the common case; a later step retypes one the
 * text gives an organisation's noun, `qPad shares`). Not inside a web address, handle or file
 * name.
 */
export function camelProducts<T extends Named>(text: string, mentions: readonly T[]): (T | Named)[] {
  if (!/\p{Ll}\p{Lu}/u.test(text)) return mentions.slice();
  const added: Named[] = [];
  for (const m of text.matchAll(CAMEL)) {
    const start = m.index;
    const end = start + m[0].length;
    if (mentions.some((o) => overlaps(o, start, end))) continue;
    added.push({ type: 'MISC', start, end, text: m[0] });
  }
  if (added.length === 0) return mentions.slice();
  return [...mentions, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
