/**
 * Lossless tokeniser for raw news text. Every token keeps exact half-open UTF-16 offsets into the
 * input (`text.slice(start, end) === token.text`); whitespace between tokens is the only thing
 * dropped. Tokens follow the CoNLL-2003 / Penn Treebank conventions the entity model was trained on:
 * `U.S.` stays whole, possessive `'s` and `n't` are split off, hyphenated words stay whole, quotes
 * and brackets are separate tokens. `norm` is the form the model sees (curly quotes straightened,
 * spaced initials such as `U N` read as `U.N.`).
 */

import { SENTENCE_OPENERS } from '../lexicon/sentence-openers.ts';
import type { Span } from '../types.ts';

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Normalised form used for features; equals `text` unless normalisation applied. */
  readonly norm: string;
}

export interface Sentence {
  readonly start: number;
  readonly end: number;
  /** Indices into the token array: tokens[first] .. tokens[last - 1]. */
  readonly first: number;
  readonly last: number;
}

/** Abbreviations that keep their final period. Lowercased, without the period. */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt cmdr sgt adm gov sen rep rev hon pres supt insp det ' +
    'st jr sr co corp inc ltd plc bros cie nv bv ag sa spa llc lp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'no nos vol vs v etc al approx dept est fig ft mt ave blvd rd univ assn ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont ' +
    'neb nev okla ore pa penn tenn tex va vt wash wis wyo'
  ).split(' '),
);

const OPEN_PUNCT = new Set(['"', "'", '“', '‘', '«', '‹', '„', '(', '[', '{', '<', '`', '¿', '¡']);
const CLOSE_PUNCT = new Set([
  '"',
  "'",
  '”',
  '’',
  '»',
  '›',
  ')',
  ']',
  '}',
  '>',
  ',',
  ';',
  ':',
  '!',
  '?',
  '…',
  '%',
]);
const CURRENCY = new Set(['$', '£', '€', '¥', '₹', '₽']);
const CLITICS = /^(.+?)(['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)|n['’]t|N['’]T)$/;

/** The form of a token the model sees: curly quotes straightened, dashes and ellipses unified. */
export function normalise(s: string): string {
  if (s === '“' || s === '”' || s === '„' || s === '«' || s === '»') return '"';
  if (s === '‘' || s === '’' || s === '`') return "'";
  if (s === '``' || s === "''") return '"';
  if (s === '—' || s === '–' || s === '―') return '--';
  if (s === '…') return '...';
  if (s.includes('’')) return s.replaceAll('’', "'");
  return s;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}]/u.test(c);
}

function push(text: string, arr: Token[], a: number, b: number): void {
  const t = text.slice(a, b);
  arr.push({ text: t, start: a, end: b, norm: normalise(t) });
}

/** Dashes that split a chunk: "word--word", "word—word"; an en dash only between letters. */
const DASH = /--+|[—―]|(?<=\p{L})–(?=\p{L})/u;

/** Has [s, e) of `text` a character DASH can match (`-`, `—`, `―`, `–`)? Cheaper than the regex. */
function hasDash(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 0x2014 || c === 0x2015 || c === 0x2013) return true;
  }
  return false;
}

/** Splits one whitespace-free chunk [s, e) of `text` into tokens, appended to `out`. */
function splitChunk(text: string, s: number, e: number, out: Token[]): void {
  const tail: Token[] = [];
  // Dashes inside the chunk: "word--word", "word—word" split into three tokens.
  const chunk = hasDash(text, s, e) ? text.slice(s, e) : '';
  const dm = chunk ? DASH.exec(chunk) : null;
  if (dm && chunk.length > dm[0].length) {
    const a = s + dm.index;
    const b = a + dm[0].length;
    if (a > s) splitChunk(text, s, a, out);
    push(text, out, a, b);
    if (b < e) splitChunk(text, b, e, out);
    return;
  }
  // Leading punctuation and currency symbols.
  while (s < e) {
    const c = text[s]!;
    if (c === "'" || c === '’' || c === '‘') {
      // Keep clitic-looking or decade forms: 's, '90s
      const rest = text.slice(s, e);
      if (/^['’](?:s|S|re|ve|ll|d|m|t)$/.test(rest) || /^['’]\d\ds?$/.test(rest)) break;
    }
    if (text.startsWith('``', s) && s + 2 <= e) {
      push(text, out, s, s + 2);
      s += 2;
      continue;
    }
    if (OPEN_PUNCT.has(c) || CURRENCY.has(c) || (CLOSE_PUNCT.has(c) && s + 1 < e && c !== '%')) {
      push(text, out, s, s + 1);
      s += 1;
      continue;
    }
    break;
  }
  // Trailing punctuation.
  while (e > s) {
    const c = text[e - 1]!;
    if (text.startsWith("''", e - 2) && e - 2 >= s && e - 2 > s) {
      push(text, tail, e - 2, e);
      e -= 2;
      continue;
    }
    if (text.startsWith('...', e - 3) && e - 3 > s) {
      push(text, tail, e - 3, e);
      e -= 3;
      continue;
    }
    if (CLOSE_PUNCT.has(c) && e - 1 > s) {
      push(text, tail, e - 1, e);
      e -= 1;
      continue;
    }
    if (c === '.' && e - 1 > s) {
      const word = text.slice(s, e - 1);
      if (isAbbreviation(word)) break;
      // List enumerators at the start of a line ("1. Schumacher") keep their period.
      if (/^\d{1,3}$/.test(word) && (s === 0 || /[\n\r]/.test(text[s - 1]!))) break;
      push(text, tail, e - 1, e);
      e -= 1;
      continue;
    }
    break;
  }
  if (e > s) {
    const core = text.slice(s, e);
    const m = CLITICS.exec(core);
    if (m && isWordChar(m[1]!.slice(-1))) {
      const cut = s + m[1]!.length;
      push(text, out, s, cut);
      push(text, out, cut, e);
    } else {
      push(text, out, s, e);
    }
  }
  for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
}

function isAbbreviation(word: string): boolean {
  if (word.length === 0) return false;
  // Initials and dotted acronyms: U.S, D.C, J, U.S.A
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(word)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Whether a UTF-16 code unit separates chunks: what `\s` matches (ASCII and Unicode spaces, line
 * and paragraph separators, the byte-order mark) plus the zero-width space U+200B.
 */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** ASCII letters and digits: a chunk of these alone is one token as it stands. */
function isPlainCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Tokenises raw text with exact offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // how many ASCII letters and digits open the chunk
    let plainEnd = -1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) break;
      if (plainEnd < 0 && !isPlainCode(c)) plainEnd = i;
    }
    if (plainEnd < 0) {
      const w = text.slice(start, i);
      out.push({ text: w, start, end: i, norm: w });
    } else if (plainEnd === i - 1 && plainEnd > start && CLOSE_PUNCT.has(text[plainEnd]!)) {
      // A plain word and one closing mark (`word,` `said:` `2%`): what splitChunk makes of it.
      const w = text.slice(start, plainEnd);
      out.push({ text: w, start, end: plainEnd, norm: w });
      push(text, out, plainEnd, i);
    } else splitChunk(text, start, i, out);
  }
  return mergeSpacedInitials(text, out);
}

/**
 * Merges spaced initials (`U N`, `U S`, `E U`) written with single spaces into one token whose norm
 * is the dotted form (`U.N.`). `A` and `I` never start such a run (they are words).
 */
function mergeSpacedInitials(text: string, toks: Token[]): Token[] {
  const isInitial = (t: Token | undefined) =>
    t !== undefined && t.text.length === 1 && t.text >= 'A' && t.text <= 'Z';
  // Built only once a merge happens: most texts have none, and keep their token array.
  let out: Token[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (isInitial(t) && t.text !== 'A' && t.text !== 'I') {
      let j = i;
      while (j + 1 < toks.length && isInitial(toks[j + 1]) && toks[j + 1]!.start === toks[j]!.end + 1) j++;
      const n = j - i + 1;
      if (n >= 2 && n <= 3) {
        const prev = toks[i - 1];
        const next = toks[j + 1];
        // Avoid merging inside runs of longer initial lists ("A B C D").
        const loneBefore = !(isInitial(prev) && prev!.end + 1 === t.start);
        const loneAfter = !(isInitial(next) && next!.start === toks[j]!.end + 1);
        if (loneBefore && loneAfter) {
          const start = t.start;
          const end = toks[j]!.end;
          let norm = '';
          for (let k = i; k <= j; k++) norm += toks[k]!.text + '.';
          out ??= toks.slice(0, i);
          out.push({ text: text.slice(start, end), start, end, norm });
          i = j;
          continue;
        }
      }
    }
    if (out) out.push(t);
  }
  return out ?? toks;
}

/**
 * Splits tokens into sentences: the one sentence splitter of the core (entities and quotes read
 * the same sentences). Line breaks always end a sentence; otherwise a sentence ends after `.`, `!`
 * or `?` (plus closing quotes or brackets) when the next token starts with a capital, a digit or
 * an opening quote, unless the period belongs to a title (`Mr.`) or initial (`J.`). An abbreviation
 * of several letters that keeps its period (`U.S.`, `a.m.`) ends the sentence only before an
 * opening mark or a capitalised word that opens clauses (`… in the U.S. While …`, SENTENCE_OPENERS).
 */
export function splitSentencesOfTokens(text: string, tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last > first) out.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    if (breaksLine(text, t.end, next.start)) {
      close(i + 1);
      continue;
    }
    const n = t.norm;
    const stop = n === '.' || n === '!' || n === '?' || n === '...';
    const abbreviation = !stop && n.length > 2 && n.endsWith('.') && endsSentenceAsAbbreviation(n);
    if (stop || abbreviation) {
      // Absorb closing quotes and brackets.
      let k = i;
      while (
        tokens[k + 1] &&
        /^(["')\]]|'')$/.test(tokens[k + 1]!.norm) &&
        tokens[k + 1]!.start === tokens[k]!.end
      ) {
        k++;
      }
      const after = tokens[k + 1];
      const opens = after && (stop ? /^[\p{Lu}\p{N}"'(“‘[]/u.test(after.text) : opensClause(after.text));
      if (opens) {
        close(k + 1);
        i = k;
      }
    }
  }
  close(tokens.length);
  return out;
}

/** Does [from, to) of `text` hold a line or paragraph break (`\n`, `\r`, U+2029)? */
function breaksLine(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2029) return true;
  }
  return false;
}

/** May the abbreviation `n` (with its period) end a sentence? Not a title or a company form. */
function endsSentenceAsAbbreviation(n: string): boolean {
  const word = n.slice(0, -1);
  return /[\p{L}\p{N}]$/u.test(word) && !ABBREVIATIONS.has(word.toLowerCase());
}

/** An opening mark, or a capitalised word that opens clauses (`While`, `The`, `He`). */
function opensClause(s: string): boolean {
  if (/^["'(“‘«]|^``/.test(s)) return true;
  return /^\p{Lu}/u.test(s) && SENTENCE_OPENERS.has(s.toLowerCase());
}

/** Sentence spans of `text` (half-open offsets), for callers that do not need tokens. */
export function splitSentences(text: string): Span[] {
  const toks = tokenize(text);
  return splitSentencesOfTokens(text, toks).map((s) => ({
    start: s.start,
    end: s.end,
    text: text.slice(s.start, s.end),
  }));
}
