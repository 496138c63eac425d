/**
 * Text layout for the quote steps: paragraphs, a light word/punctuation tokenisation and sentence
 * boundaries, all with exact UTF-16 offsets and built in one linear pass each (no regex runs over
 * the article text).
 */

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
 * Tokens: runs of letters and digits, joined across inner apostrophes, hyphens and dots
 * ("don't", "anti-aircraft", "U.S.") and thousands commas ("2,400"), and single punctuation
 * characters. A word is cut after
 * 200 characters so one enormous "word" stays cheap.
 */
export function tokenizeLight(text: string, paragraphs: readonly Paragraph[]): Tok[] {
  const out: Tok[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    const { start: ps, end: pe } = paragraphs[p]!;
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
  return out;
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

/**
 * Sentence boundaries as token indices: sentence k spans tokens [bounds[k], bounds[k+1]).
 * A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before a token
 * that starts with an uppercase letter, a digit or an opening mark, and at every paragraph end.
 */
export function sentenceStarts(toks: readonly Tok[]): number[] {
  const starts: number[] = [];
  if (toks.length === 0) return [0];
  starts.push(0);
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1]!;
    if (t.para !== prev.para) {
      starts.push(i);
      continue;
    }
    // Find the terminal punctuation, skipping closing quotes/brackets before i.
    let k = i - 1;
    while (k >= 0 && i - k < 6 && !toks[k]!.word && isCloser(toks[k]!.text) && toks[k]!.para === t.para) k--;
    if (k < 0) continue;
    const term = toks[k]!;
    if (term.word) {
      // "U.S." or "Mr." tokens carry their dot: only a sentence end when not a title.
      if (!term.text.endsWith('.') || term.text.length <= 2 || isTitleAbbrev(term.lower)) continue;
      if (!(t.cap || isOpener(t.text))) continue;
      // "U.S. officials" stays one sentence when the next word is capitalised? keep the break only
      // after multi-letter abbreviations like "U.S." when followed by an opener or a pronoun.
      if (
        !isOpener(t.text) &&
        !/^(the|he|she|it|they|we|i|but|and|in|a|an|this|that|while|when|if|although|though|after|before|since|because|however|meanwhile|there|his|her|their|its|our|you|yet)$/.test(
          t.lower,
        )
      )
        continue;
      starts.push(i);
      continue;
    }
    if (
      term.text !== '.' &&
      term.text !== '!' &&
      term.text !== '?' &&
      term.text !== '...' &&
      term.text !== '…'
    )
      continue;
    if (t.cap || isOpener(t.text) || (t.word && /^[0-9]/.test(t.text))) starts.push(i);
  }
  return starts;
}

function isTitleAbbrev(lower: string): boolean {
  return ABBREVIATIONS.has(lower.slice(0, -1)) || /^[a-z]\.$/.test(lower);
}

function isCloser(s: string): boolean {
  return (
    s === '"' || s === '”' || s === '’' || s === "'" || s === "''" || s === ')' || s === ']' || s === '»'
  );
}

function isOpener(s: string): boolean {
  return s === '"' || s === '“' || s === '‘' || s === '``' || s === '(' || s === '«' || s === "'";
}
