/**
 * Step 2: the per-document context shared by the quote steps: the Document's word units and
 * sentences (the entity recognizer read the same tokens and sentences), quotations, and the
 * entity mention covering each word. Built once per document in linear time.
 */

import type { EntityMention } from '../../types.ts';
import type { Document } from '../document.ts';
import { type MarkedQuote, scanQuoteMarks } from './marks.ts';
import type { Paragraph, Tok } from './text.ts';

export interface Ctx {
  readonly doc: Document;
  readonly text: string;
  readonly paras: readonly Paragraph[];
  readonly toks: readonly Tok[];
  /** Sentence index of each token. */
  readonly sentOf: Int32Array;
  /** First token of each sentence (plus a final sentinel = toks.length). */
  readonly sentStart: readonly number[];
  readonly quotes: readonly MarkedQuote[];
  /** Index into `quotes` of the quotation covering each token, or -1. */
  readonly quoteOf: Int32Array;
  /** Named mentions (PERSON, ORGANIZATION, LOCATION, MISC) sorted by start. */
  readonly mentions: readonly EntityMention[];
  /** Index into `mentions` of the mention covering each token, or -1. */
  readonly mentionOf: Int32Array;
  /** True when the recogniser typed nothing PERSON or ORGANIZATION (a weak or placeholder model). */
  readonly untyped: boolean;
}

export function buildContext(doc: Document, entities: readonly EntityMention[]): Ctx {
  const text = doc.text;
  const paras = doc.paragraphs;
  // Word units and sentences from the document: a word's sentence is its first token's.
  const toks = doc.words;
  const wordToken = doc.wordToken;
  const tokenSentence = doc.sentenceOf;
  const sentOf = new Int32Array(toks.length);
  const sentStart: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const s = tokenSentence[wordToken[i]!]!;
    sentOf[i] = s;
    while (sentStart.length <= s) sentStart.push(i);
  }
  if (sentStart.length === 0) sentStart.push(0);
  sentStart.push(toks.length);
  const quotes = scanQuoteMarks(text, paras);
  const quoteOf = new Int32Array(toks.length).fill(-1);
  {
    let q = 0;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      while (q < quotes.length && quotes[q]!.end <= t.start) q++;
      if (q < quotes.length && quotes[q]!.start <= t.start && t.end <= quotes[q]!.end) quoteOf[i] = q;
    }
  }
  const given: EntityMention[] = [];
  for (const m of entities) {
    const named =
      m.type === 'PERSON' || m.type === 'ORGANIZATION' || m.type === 'LOCATION' || m.type === 'MISC';
    if (named && m.end > m.start && m.end - m.start === m.text.length && text.startsWith(m.text, m.start))
      given.push(m);
  }
  const missed = missedNames(toks, given);
  const mentions = missed.length === 0 && inOrder(given) ? given : [...given, ...missed].sort(byStart);
  const mentionOf = new Int32Array(toks.length).fill(-1);
  {
    let m = 0;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      while (m < mentions.length && mentions[m]!.end <= t.start) m++;
      // A token belongs to a mention when it overlaps it.
      if (m < mentions.length && mentions[m]!.start < t.end && t.start < mentions[m]!.end) mentionOf[i] = m;
    }
  }
  let untyped = true;
  for (const m of mentions) if (m.type === 'PERSON' || m.type === 'ORGANIZATION') untyped = false;
  return { doc, text, paras, toks, sentOf, sentStart, quotes, quoteOf, mentions, mentionOf, untyped };
}

function byStart(a: EntityMention, b: EntityMention): number {
  return a.start - b.start || b.end - a.end;
}

/** Already in the order byStart gives (recognisers emit mentions in text order)? */
function inOrder(list: readonly EntityMention[]): boolean {
  for (let i = 1; i < list.length; i++) if (byStart(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/** The first colon within six tokens of the paragraph opening at token p0 (`FALLIN:`), or -1. */
export function labelColon(ctx: Ctx, p0: number): number {
  const { toks } = ctx;
  const para = toks[p0]?.para;
  for (let j = p0; j < toks.length && toks[j]!.para === para && j - p0 <= 6; j++) {
    if (toks[j]!.text === ':') return j;
  }
  return -1;
}

/** Are tokens [p0, colon) a speaker label in capitals (`FALLIN`, `SEN. WARREN`, `Q`)? */
export function isCapitalsLabel(ctx: Ctx, p0: number, colon: number): boolean {
  let words = 0;
  for (let j = p0; j < colon; j++) {
    const t = ctx.toks[j]!;
    if (!t.word) continue;
    if (!(t.cap && t.text === t.text.toUpperCase())) return false;
    words++;
  }
  return words > 0;
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenAt(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.toks[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Mentions the recogniser missed: a capitalised word equal to the surname (or the single name) of a
 * person it did find elsewhere in the document ("Trump has ..." at a paragraph start).
 */
function missedNames(toks: readonly Tok[], given: readonly EntityMention[]): EntityMention[] {
  const bySurname = new Map<string, string>();
  for (const m of given) {
    if (m.type !== 'PERSON') continue;
    const canon = m.canonical || m.text;
    const words = canon.split(/\s+/);
    const last = words[words.length - 1]!;
    if (last.length > 1 && !bySurname.has(last)) bySurname.set(last, canon);
  }
  if (bySurname.size === 0) return [];
  const covered = (t: Tok, k: number, list: readonly EntityMention[]): boolean =>
    k < list.length && list[k]!.start < t.end && list[k]!.end > t.start;
  const sorted = inOrder(given) ? given : [...given].sort(byStart);
  const out: EntityMention[] = [];
  let k = 0;
  for (const t of toks) {
    while (k < sorted.length && sorted[k]!.end <= t.start) k++;
    if (!t.word || !t.cap) continue;
    const canon = bySurname.get(t.text);
    if (!canon || covered(t, k, sorted)) continue;
    out.push({ type: 'PERSON', text: t.text, start: t.start, end: t.end, canonical: canon });
  }
  return out;
}
