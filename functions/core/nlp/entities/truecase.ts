/**
 * Truecasing of text written in capitals (datelines such as `SAN MARCO, Spain —`, subheads,
 * headlines): each word of an all-capital stretch is read with the casing it most often has in
 * running text, from a lexicon learned from unlabelled training text (lowercased word hash ->
 * lower, title or upper case). Words the lexicon does not know stay as written. Only the words
 * the recogniser reads change: offsets and the text itself never do.
 */
import { fnv, type HashTable, tableRow } from './features.ts';

/** Hash of a lowercased word -> its usual casing in running text (CASING_*). */
export type Casing = HashTable<Uint8Array>;

export const CASING_LOWER = 0;
export const CASING_TITLE = 1;
export const CASING_UPPER = 2;

/** A word of two or more letters, every letter a capital (`SAN`, `U.S.`, `NEW-YORK`). */
export function isCapitalsWord(w: string): boolean {
  let letters = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
    else if (c > 127) {
      const ch = w[i]!;
      if (ch !== ch.toUpperCase()) return false;
      if (ch !== ch.toLowerCase()) letters++;
    }
  }
  return letters >= 2;
}

function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
    if (c > 127) return /\p{L}/u.test(w);
  }
  return false;
}

function titled(lower: string): string {
  return lower.replace(/(^|[-'’])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

/** The casing class of a word as written in running text, or -1 (no letters, mixed forms). */
export function casingOf(w: string): number {
  if (!hasLetter(w)) return -1;
  if (w === w.toLowerCase()) return CASING_LOWER;
  if (isCapitalsWord(w)) return CASING_UPPER;
  if (w === titled(w.toLowerCase())) return CASING_TITLE;
  return -1;
}

/** The usual casing (CASING_*) of a word in running text by the lexicon, or -1 when unknown. */
export function lexiconCasing(casing: Casing | null | undefined, w: string): number {
  if (!casing || casing.keys.length === 0) return -1;
  const at = tableRow(casing.keys, fnv(w.toLowerCase()));
  return at < 0 ? -1 : casing.values[at]!;
}

const DASHES = new Set(['-', '--', '—', '–', '(', ',', ':']);

/**
 * The words of `norms` as running text would case them: a capitals word is rewritten when it is
 * part of a run of two or more capitals words, or opens a sentence before a dash, bracket, comma
 * or colon (a dateline: `BERLIN —`), or its sentence is mostly capitals. A word the lexicon calls
 * lower case is capitalised when it opens its sentence. Returns `norms` itself when nothing changes.
 */
export function truecase(
  norms: readonly string[],
  sentences: readonly { readonly first: number; readonly last: number }[],
  casing: Casing | null | undefined,
): readonly string[] {
  if (!casing || casing.keys.length === 0) return norms;
  let out: string[] | undefined;
  for (const s of sentences) {
    let caps = 0;
    for (let i = s.first; i < s.last; i++) if (isCapitalsWord(norms[i]!)) caps++;
    if (caps === 0) continue;
    let letters = 0;
    for (let i = s.first; i < s.last; i++) if (hasLetter(norms[i]!)) letters++;
    const headline = letters >= 2 && caps / letters > 0.6;
    let firstWord = s.first;
    while (firstWord < s.last && !hasLetter(norms[firstWord]!)) firstWord++;
    for (let i = s.first; i < s.last; i++) {
      const w = norms[i]!;
      if (!isCapitalsWord(w)) continue;
      let rewrite = headline;
      if (!rewrite) {
        const prev = i > s.first ? norms[i - 1]! : '';
        const next = i + 1 < s.last ? norms[i + 1]! : '';
        if (isCapitalsWord(prev) || isCapitalsWord(next)) rewrite = true;
        else if (i === firstWord && DASHES.has(next)) rewrite = true;
      }
      if (!rewrite) continue;
      const lower = w.toLowerCase();
      const at = tableRow(casing.keys, fnv(lower));
      if (at < 0) continue;
      const c = casing.values[at]!;
      let cased = c === CASING_LOWER ? lower : c === CASING_TITLE ? titled(lower) : w;
      if (i === firstWord && c === CASING_LOWER) cased = titled(lower);
      if (cased === w) continue;
      out ??= norms.slice();
      out[i] = cased;
    }
  }
  return out ?? norms;
}

/**
 * Learns the casing lexicon from sentences of running text: for each word seen at least
 * `minCount` times inside a sentence (never its first word) of a sentence that is not mostly
 * capitals, its most frequent casing.
 */
export function learnCasing(sentences: Iterable<readonly string[]>, minCount = 2): Casing {
  const counts = new Map<string, [number, number, number]>();
  for (const s of sentences) {
    let caps = 0;
    let letters = 0;
    for (const w of s) {
      if (!hasLetter(w)) continue;
      letters++;
      if (isCapitalsWord(w)) caps++;
    }
    if (letters < 3 || caps / letters > 0.3) continue;
    let seenFirst = false;
    for (const w of s) {
      if (!hasLetter(w)) continue;
      if (!seenFirst) {
        seenFirst = true;
        continue;
      }
      const c = casingOf(w);
      if (c < 0) continue;
      const l = w.toLowerCase();
      let e = counts.get(l);
      if (!e) {
        e = [0, 0, 0];
        counts.set(l, e);
      }
      e[c]!++;
    }
  }
  const map = new Map<number, number>();
  for (const [l, e] of counts) {
    const total = e[0] + e[1] + e[2];
    if (total < minCount) continue;
    const best = e[0] >= e[1] && e[0] >= e[2] ? CASING_LOWER : e[1] >= e[2] ? CASING_TITLE : CASING_UPPER;
    map.set(fnv(l), best);
  }
  const keys = Int32Array.from(map.keys()).sort();
  return { keys, values: Uint8Array.from(keys, (k) => map.get(k)!) };
}
