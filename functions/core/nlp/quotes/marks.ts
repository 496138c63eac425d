/**
 * Step 1: quotation-mark scanning. One left-to-right pass over the text finds direct quotations:
 * double marks (straight, curly, guillemets, `` and ''), top-level single marks, quotations running
 * over several sentences, and multi-paragraph quotations (a paragraph left open whose successor
 * re-opens with a mark). An unbalanced mark never reaches past its own paragraph. Linear time.
 */

import {
  DIGRAPH_AMBIGUOUS,
  DIGRAPH_OPEN,
  DOUBLE_AMBIGUOUS,
  DOUBLE_CLOSE,
  DOUBLE_OPEN,
  ELISIONS,
  SINGLE_AMBIGUOUS,
  SINGLE_CLOSE,
  SINGLE_OPEN,
} from '../../lexicon/quote-marks.ts';
import type { Paragraph } from './text.ts';

/** A quotation found by its marks: [start, end) includes the marks. */
export interface MarkedQuote {
  readonly start: number;
  readonly end: number;
  /** Index of the paragraph the quotation starts in. */
  readonly paragraph: number;
  /** Index of the paragraph it ends in (> paragraph for multi-paragraph quotations). */
  readonly lastParagraph: number;
  /** True when the closing mark was missing and the quotation was cut at its paragraph's end. */
  readonly unclosed: boolean;
  /** True when delimited by single marks. */
  readonly single: boolean;
}

/** Longest span a single-mark quotation may cover (they are short: headlines, nested phrases). */
const MAX_SINGLE = 300;

function isSpace(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0';
}

function isLetterOrDigit(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 127 && /[\p{L}\p{N}]/u.test(c);
}

const OPENING_CONTEXT = new Set(['(', '[', '{', '—', '–', '-', '/', '“', '‘', '"', "'", '«', '‹', '„', ':']);
const CLOSING_CONTEXT = new Set([
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  ')',
  ']',
  '}',
  '—',
  '–',
  '-',
  '/',
  '”',
  '’',
  '"',
  "'",
  '»',
  '›',
  '…',
]);

/** May a mark spanning [i, j) open a quotation, judging by its neighbours? */
function canOpen(text: string, i: number, j: number): boolean {
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[j];
  if (isSpace(next)) return false;
  return prev === undefined || isSpace(prev) || OPENING_CONTEXT.has(prev);
}

/** May a mark spanning [i, j) close a quotation? */
function canClose(text: string, i: number, j: number): boolean {
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[j];
  if (prev === undefined || isSpace(prev)) return false;
  return next === undefined || isSpace(next) || CLOSING_CONTEXT.has(next);
}

type Dir = 'open' | 'close' | 'either' | 'none';

/** Direction of a double mark at i (length len). */
function doubleDir(text: string, i: number, len: number, ch: string): Dir {
  const o = canOpen(text, i, i + len);
  const c = canClose(text, i, i + len);
  if (DOUBLE_OPEN.has(ch) || (len === 2 && text.startsWith(DIGRAPH_OPEN, i)))
    return c && !o ? 'either' : 'open';
  if (DOUBLE_CLOSE.has(ch)) return o && !c ? 'either' : 'close';
  if (o && !c) return 'open';
  if (c && !o) return 'close';
  return 'either';
}

/** Is the single mark at i a plausible opening mark (not an elision such as 'em or '90s)? */
function singleOpens(text: string, i: number): boolean {
  const ch = text[i]!;
  if (!SINGLE_OPEN.has(ch) && !SINGLE_AMBIGUOUS.has(ch) && ch !== '’') return false;
  if (!canOpen(text, i, i + 1)) return false;
  if (!isLetterOrDigit(text[i + 1])) return false;
  // Elisions: 'em, 'til, '90s.
  let k = i + 1;
  while (k < text.length && k < i + 8 && isLetterOrDigit(text[k])) k++;
  const word = text.slice(i + 1, k).toLowerCase();
  if (ELISIONS.has(word)) return false;
  if (/^\d\ds?$/.test(word)) return false;
  return ch !== '’' || !isLetterOrDigit(text[i - 1]);
}

function singleCloses(text: string, i: number): boolean {
  const ch = text[i]!;
  if (!SINGLE_CLOSE.has(ch) && !SINGLE_AMBIGUOUS.has(ch)) return false;
  return canClose(text, i, i + 1) && !isLetterOrDigit(text[i + 1]);
}

/** Could the UTF-16 code unit be (part of) a quotation mark? A cheap filter before the real tests. */
function isMarkCode(c: number): boolean {
  return (
    c === 34 ||
    c === 39 ||
    c === 96 ||
    (c >= 0x2018 && c <= 0x201f) ||
    c === 0xab ||
    c === 0xbb ||
    c === 0x2039 ||
    c === 0x203a ||
    c === 0x2033
  );
}

/** Length of the double mark at i (0 when none). */
function doubleMarkAt(text: string, i: number): number {
  const ch = text[i]!;
  if (DOUBLE_OPEN.has(ch) || DOUBLE_CLOSE.has(ch) || DOUBLE_AMBIGUOUS.has(ch)) return 1;
  if (ch === '`' && text.startsWith(DIGRAPH_OPEN, i)) return 2;
  if (ch === "'" && text.startsWith(DIGRAPH_AMBIGUOUS, i)) return 2;
  return 0;
}

/** Trims whitespace inside [s, e). */
function trimEnd(text: string, s: number, e: number): number {
  while (e > s && isSpace(text[e - 1])) e--;
  return e;
}

/**
 * Finds every direct quotation. `paragraphs` must cover the text in order (see text.ts).
 */
export function scanQuoteMarks(text: string, paragraphs: readonly Paragraph[]): MarkedQuote[] {
  const out: MarkedQuote[] = [];
  // Positions of every character that may be a mark (one cheap pass), then, over those only, the
  // next single closing mark and next double mark after each, so look-aheads are O(1).
  const n = text.length;
  const pos: number[] = [];
  for (let i = 0; i < n; i++) if (isMarkCode(text.charCodeAt(i))) pos.push(i);
  const M = pos.length;
  const nextSingleClose = new Int32Array(M + 1);
  const nextDouble = new Int32Array(M + 1);
  nextSingleClose[M] = n;
  nextDouble[M] = n;
  for (let m = M - 1; m >= 0; m--) {
    const i = pos[m]!;
    nextSingleClose[m] = singleCloses(text, i) ? i : nextSingleClose[m + 1]!;
    nextDouble[m] = doubleMarkAt(text, i) > 0 ? i : nextDouble[m + 1]!;
  }

  let openAt = -1; // start of the open double quotation
  let openPara = -1;
  let m = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    let start = para.start;
    if (openAt >= 0) {
      // A quotation left open in the previous paragraph continues only if this one re-opens.
      const len = doubleMarkAt(text, start);
      if (len > 0 && doubleDir(text, start, len, text[start]!) !== 'close') {
        start += len;
      } else {
        const prev = paragraphs[p - 1]!;
        out.push({
          start: openAt,
          end: trimEnd(text, openAt, prev.end),
          paragraph: openPara,
          lastParagraph: p - 1,
          unclosed: true,
          single: false,
        });
        openAt = -1;
      }
    }
    while (m < M && pos[m]! < start) m++;
    while (m < M && pos[m]! < para.end) {
      const i = pos[m]!;
      const len = doubleMarkAt(text, i);
      if (len > 0) {
        let dir = doubleDir(text, i, len, text[i]!);
        // A paragraph opening with a closing mark and a space (`” … what I learned`) opens a
        // quotation all the same: nothing before it could be closed.
        if (openAt < 0 && dir === 'close' && i === para.start && !canClose(text, i, i + len)) dir = 'open';
        if (openAt < 0) {
          if (dir !== 'close') {
            openAt = i;
            openPara = p;
          }
        } else if (dir === 'open' && i > openAt + 1 && isSpace(text[i - 1])) {
          // An opening mark inside an open quotation: the earlier mark was never closed.
          out.push({
            start: openAt,
            end: trimEnd(text, openAt, i),
            paragraph: openPara,
            lastParagraph: p,
            unclosed: true,
            single: false,
          });
          openAt = i;
          openPara = p;
        } else {
          out.push({
            start: openAt,
            end: i + len,
            paragraph: openPara,
            lastParagraph: p,
            unclosed: false,
            single: false,
          });
          openAt = -1;
        }
        while (m < M && pos[m]! < i + len) m++;
        continue;
      }
      if (openAt < 0 && singleOpens(text, i)) {
        const close = nextSingleClose[m + 1]!;
        if (close < para.end && close - i <= MAX_SINGLE && close < nextDouble[m + 1]! && close > i + 1) {
          out.push({
            start: i,
            end: close + 1,
            paragraph: p,
            lastParagraph: p,
            unclosed: false,
            single: true,
          });
          while (m < M && pos[m]! <= close) m++;
          continue;
        }
      }
      m++;
    }
  }
  if (openAt >= 0) {
    const last = paragraphs.length - 1;
    out.push({
      start: openAt,
      end: trimEnd(text, openAt, paragraphs[last]!.end),
      paragraph: openPara,
      lastParagraph: last,
      unclosed: true,
      single: false,
    });
  }
  return out;
}
