/**
 * Word units for the quote steps, derived from the document's tokens (tokenize.ts). The quote rules
 * read a contraction or a possessive as one word (`don't`, `Trump's`, `officials'` stays `officials`
 * + `'`) and a word joined by a hyphen, inner dot or thousands comma as one (`anti-war`, `U.S.`,
 * `2,400`), where the entity tokens split the clitic off (`do` + `n't`, `Trump` + `'s`) as the
 * CoNLL conventions of the entity model want. So a word unit is a document token, with an adjacent
 * clitic token joined back to the word before it; a token that holds more than one word unit by the
 * quote rules' reading (`said.Trump`, `#tag`, `1990–2000`) is split by the scanner below, which
 * only ever reads inside a token. Each unit knows the document token it starts in, so the quote
 * steps take their sentences from the document's one sentence splitter.
 */

import type { Token } from './tokenize.ts';

export interface Paragraph {
  readonly start: number;
  readonly end: number;
}

export interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Lowercased text with curly apostrophes straightened. */
  readonly lower: string;
  /** True for a word (letters or digits), false for punctuation. */
  readonly word: boolean;
  /** True when the word starts with an uppercase letter. */
  readonly cap: boolean;
  /** Paragraph index. */
  readonly para: number;
}

function isSpace(c: number): boolean {
  return (
    c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 12
  );
}

/** Is the UTF-16 unit `c` at `text[i]` part of a word? The character string is built only for rare scripts. */
function isWordCode(c: number, text: string, i: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 128) return false;
  // General punctuation (curly quotes, dashes, spaces) and Latin-1 symbols: never word characters.
  if ((c >= 0x2000 && c <= 0x206f) || (c >= 0xa0 && c <= 0xbf && c !== 0xaa && c !== 0xba)) return false;
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return true;
  return WORD_CHAR.test(text[i]!);
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Paragraphs: separated by line breaks (a blank line or a single newline both end a paragraph;
 * parsed articles separate paragraphs by a blank line, plain captures often by one newline).
 */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const n = text.length;
  let i = 0;
  let nl = text.indexOf('\n'); // next line feed at or after i, cached: one scan overall
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    // Jump to the next line break ("\n"; "\r" and U+2029 are rare and checked on the way).
    if (nl >= 0 && nl < i) nl = text.indexOf('\n', i);
    const stop = nl < 0 ? n : nl;
    while (i < stop && text.charCodeAt(i) !== 13 && text.charCodeAt(i) !== 0x2029) i++;
    let end = i;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    out.push({ start, end });
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Three digits at i, not followed by a fourth (the group after a thousands comma). */
function thousands(text: string, i: number, end: number): boolean {
  if (i + 3 > end) return false;
  for (let k = i; k < i + 3; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return i + 3 >= end || !isDigit(text.charCodeAt(i + 3));
}

/**
 * Scans [ps, pe) of `text` (inside paragraph `para`) into word units appended to `out`: runs of
 * letters and digits, joined across inner apostrophes, hyphens and dots ("don't", "anti-aircraft",
 * "U.S.") and thousands commas ("2,400"), and single punctuation characters (`` '' -- ... stay
 * whole). A word is cut after 200 characters so one enormous "word" stays cheap.
 */
function scanWords(text: string, ps: number, pe: number, p: number, out: Tok[]): void {
  let i = ps;
  while (i < pe) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (isWordCode(c, text, i)) {
      let j = i + 1;
      let lastJoin = i;
      // Whether the token needs lowercasing or a curly apostrophe straightened: most need neither.
      let plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      while (j < pe && j - i < 200) {
        const d = text.charCodeAt(j);
        if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57)) {
          j++;
          continue;
        }
        if (isWordCode(d, text, j)) {
          plain = false;
          j++;
          continue;
        }
        // A thousands comma inside a number ("2,400") is part of it, not a clause break.
        if (d === 44 && isDigit(text.charCodeAt(j - 1)) && thousands(text, j + 1, pe)) {
          j += 4;
          continue;
        }
        // Inner joiners: apostrophe, hyphen, dot (U.S.) followed by a letter or digit.
        if ((d === 39 || d === 0x2019 || d === 45 || d === 46) && j + 1 < pe) {
          const e = text.charCodeAt(j + 1);
          // A dot joins only abbreviations ("U.S", "a.m"), not "said.Trump".
          const dotOk = d !== 46 || j - lastJoin <= 1 || (e >= 48 && e <= 57);
          if (dotOk && isWordCode(e, text, j + 1)) {
            if (d === 0x2019 || e < 97 || e > 122) plain = false;
            lastJoin = j + 1;
            j += 2;
            continue;
          }
        }
        break;
      }
      // Abbreviation dot: "U.S." "Mr." "Jr." keep a final dot after a single letter run or known abbreviation.
      if (j < pe && text.charCodeAt(j) === 46) {
        const w = text.slice(i, j);
        if (isAbbrev(w)) j++;
      }
      const t = text.slice(i, j);
      out.push({
        start: i,
        end: j,
        text: t,
        lower: plain ? t : t.includes('’') ? t.toLowerCase().replaceAll('’', "'") : t.toLowerCase(),
        word: true,
        cap: c >= 65 && c <= 90 ? true : c > 127 ? t[0] !== t[0]!.toLowerCase() : false,
        para: p,
      });
      i = j;
      continue;
    }
    // Punctuation: one character, except `` '' -- ...
    const ch = text[i]!;
    let j = i + 1;
    if ((ch === '`' || ch === "'" || ch === '-' || ch === '.') && text[i + 1] === ch) {
      j = i + 2;
      while (ch !== "'" && ch !== '`' && j < pe && text[j] === ch && j - i < 10) j++;
    }
    const t = text.slice(i, j);
    out.push({ start: i, end: j, text: t, lower: t, word: false, cap: false, para: p });
    i = j;
  }
}

/** A clitic the entity tokens split off the word before it: `'s`, `'re`, `n't`, ... */
const CLITIC = /^(?:['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)|n['’]t|N['’]T)$/;

/** 0: not a plain ASCII word; 1: letters and digits, no capital; 2: with a capital. */
function plainWord(s: string): number {
  if (s.length > 200) return 0;
  let kind = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) continue;
    if (c >= 65 && c <= 90) kind = 2;
    else return 0;
  }
  return kind;
}

/**
 * Does token `next`, adjacent to `prev`, join it in one word unit? An adjacent clitic joins the
 * word before it; so does an adjacent period, which the scanner keeps on an abbreviation the
 * entity tokens split it from (`Reps.`, a lowercase initial) or joins into an ellipsis, and a
 * second apostrophe (the wire copy's opening mark '').
 */
function joins(prev: string, next: string): boolean {
  const c = next.charCodeAt(0);
  if (c === 46) return next === '.';
  if (c !== 39 && c !== 0x2019 && c !== 110 && c !== 78) return false;
  if (CLITIC.test(next)) return true;
  return (next === "'" || next === "''") && (prev === "'" || prev === "''");
}

/** Word units of a document and, for each, the index of the document token it starts in. */
export interface WordUnits {
  readonly words: readonly Tok[];
  readonly tokenOf: Int32Array;
}

/** Word units of `text` from its tokens and paragraphs (see the top of this file). Linear. */
export function wordUnits(
  text: string,
  tokens: readonly Token[],
  paragraphs: readonly Paragraph[],
): WordUnits {
  const out: Tok[] = [];
  const n = tokens.length;
  let from = new Int32Array(n + 16);
  const unit = (k: number) => {
    if (out.length > from.length) {
      const grown = new Int32Array(from.length * 2);
      grown.set(from);
      from = grown;
    }
    from[out.length - 1] = k;
  };
  const word = (t: Token, kind: number, p: number) => {
    const s = t.text;
    const lower = kind === 1 ? s : s.toLowerCase();
    const c = s.charCodeAt(0);
    const cap = kind === 2 && c >= 65 && c <= 90;
    out.push({ start: t.start, end: t.end, text: s, lower, word: true, cap, para: p });
  };
  let p = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    while (p + 1 < paragraphs.length && paragraphs[p]!.end <= t.start) p++;
    let j = i;
    while (
      j + 1 < n &&
      tokens[j + 1]!.start === tokens[j]!.end &&
      joins(tokens[j]!.text, tokens[j + 1]!.text)
    )
      j++;
    const s = t.text;
    const kind = j <= i + 1 ? plainWord(s) : 0;
    if (j === i && kind) {
      word(t, kind, p);
      unit(i);
    } else if (j === i && s.length === 1 && !isWordCode(s.charCodeAt(0), s, 0)) {
      out.push({ start: t.start, end: t.end, text: s, lower: s, word: false, cap: false, para: p });
      unit(i);
    } else if (j === i + 1 && kind && s.length > 1 && tokens[j]!.text === '.' && !isAbbrev(s)) {
      // A plain word and its sentence-final period, as the scanner would read them.
      const dot = tokens[j]!;
      word(t, kind, p);
      unit(i);
      out.push({ start: dot.start, end: dot.end, text: '.', lower: '.', word: false, cap: false, para: p });
      unit(j);
    } else {
      const before = out.length;
      scanWords(text, t.start, tokens[j]!.end, p, out);
      let k = i;
      for (let w = before; w < out.length; w++) {
        while (k < j && tokens[k]!.end <= out[w]!.start) k++;
        if (out.length > from.length) {
          const grown = new Int32Array(Math.max(from.length * 2, out.length));
          grown.set(from);
          from = grown;
        }
        from[w] = k;
      }
    }
    i = j;
  }
  return { words: out, tokenOf: from.slice(0, out.length) };
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen lt col maj capt cmdr sgt adm gov sen rep reps rev hon pres supt insp det ' +
    'st jr sr co corp inc ltd bros no vs v etc al dept ft mt ave sept jan feb mar apr jun jul aug oct nov dec ' +
    'ala ariz ark calif colo conn fla ga ill ind kan ky md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo'
  ).split(' '),
);

function isAbbrev(w: string): boolean {
  if (w.length === 1) return /[A-Za-z]/.test(w);
  if (w.includes('.')) return true; // U.S -> U.S.
  return ABBREVIATIONS.has(w.toLowerCase());
}
