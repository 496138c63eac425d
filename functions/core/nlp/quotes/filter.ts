/**
 * Quoted spans that are not quotations: titles of shows and books ("Fox and Friends"), section
 * subheads, scare quotes with no speech around them, numbers. Decided per quotation from its words
 * and context.
 */

import { SPEECH_VERBS } from '../../lexicon/speech-verbs.ts';
import { type Ctx, tokenAt } from './context.ts';
import type { MarkedQuote } from './marks.ts';

const SMALL = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'with',
  'by',
  'from',
  'is',
  'vs',
]);
/** Words before a title: "on “Fox and Friends”", "of “The Apprentice”", "host of". */
const TITLE_BEFORE = new Set([
  'on',
  'of',
  'in',
  'the',
  'titled',
  'entitled',
  'called',
  'dubbed',
  'show',
  'book',
  'film',
  'movie',
  'program',
  'song',
  'album',
  'series',
  'column',
  'article',
  'headline',
  'podcast',
  'play',
  'musical',
  'thriller',
  'drama',
  'comedy',
  'documentary',
  'sitcom',
  'novel',
  'memoir',
  'magazine',
  'blog',
  'initiative',
  'hashtag',
]);

/** Nouns for what a crowd shouts: "chants of “…”". */
const SHOUTS = new Set(['chant', 'chants', 'cry', 'cries', 'shout', 'shouts', 'chorus', 'roar', 'calls']);

function words(ctx: Ctx, start: number, end: number): string[] {
  return ctx.text
    .slice(start, end)
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .split(/\s+/)
    .filter(Boolean);
}

function titleCase(ws: readonly string[]): boolean {
  return (
    ws.length <= 8 &&
    ws.some((w) => /^\p{Lu}/u.test(w)) &&
    ws.every((w) => SMALL.has(w.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(w))
  );
}

/** Is the quotation a title in running text ("on “Fox and Friends”")? */
export function isTitle(ctx: Ctx, start: number, end: number): boolean {
  if (end - start > 120) return false; // titles are short
  const open = tokenAt(ctx, start);
  // A title's first word is capitalised or a small word: a cheap test before splitting the words.
  const first = ctx.toks[open + 1];
  if (!first || !(first.cap || SMALL.has(first.lower) || !first.word)) return false;
  // "the Netflix thriller, “Bloodline,”": a comma may stand between the noun and its title.
  let p = open - 1;
  if (ctx.toks[p]?.text === ',' && TITLE_BEFORE.has(ctx.toks[p - 1]?.lower ?? '')) p--;
  const prev = ctx.toks[p];
  if (!prev || prev.para !== ctx.toks[open]?.para) return false;
  const pl = prev.lower;
  // "chants of “Ted! Ted!”", "cries of “Bitch!”": what a crowd shouted, not a title.
  if (pl === 'of' && SHOUTS.has(ctx.toks[p - 1]?.lower ?? '')) return false;
  if (/!\W*$/u.test(ctx.text.slice(start, end))) return false;
  const titlePlace =
    TITLE_BEFORE.has(pl) ||
    pl.endsWith("'s") ||
    pl === "'" ||
    (prev.cap && prev.word && ctx.paras[prev.para]!.start !== 0 && prev.para > 0 && !SPEECH_VERBS.has(pl));
  return titlePlace && titleCase(words(ctx, start, end));
}

/**
 * Is the quotation a section subhead: a paragraph of its own after the headline, a few words in
 * single marks (`'A really tough decision.'`), as news sections are headed with a line from them?
 */
export function isSubhead(ctx: Ctx, q: MarkedQuote): boolean {
  if (!q.single || q.paragraph === 0 || q.lastParagraph !== q.paragraph) return false;
  const para = ctx.paras[q.paragraph]!;
  if (ctx.text.slice(para.start, q.start).trim() !== '' || ctx.text.slice(q.end, para.end).trim() !== '')
    return false;
  return words(ctx, q.start, q.end).length <= 8;
}

/**
 * Is the quoted span markup, a handle or a transcript block: `author="x"`, `"@handle"`,
 * `"pic.twitter.com/"`, `"WALLACE: Let's start …` (a transcript quoted whole, speaker turns
 * inside), `"(CROSSTALK.)`?
 */
export function isMarkup(ctx: Ctx, start: number, end: number): boolean {
  if (start > 0 && ctx.text[start - 1] === '=') return true;
  const head = ctx.text.slice(start + 1, Math.min(end, start + 40));
  if (/^\s*(\p{Lu}[\p{Lu} .'’-]{1,30}:\s|\(\p{Lu}+\.?\))/u.test(head)) return true;
  const inner = ctx.text.slice(start + 1, end - 1).trim();
  return inner.length > 0 && !/\s/.test(inner) && (/^[@#]/.test(inner) || /[/.]\w/.test(inner));
}

/** Should a quotation with no speaker still be reported? */
export function keepUnattributed(ctx: Ctx, start: number, end: number): boolean {
  const inner = ctx.text.slice(start, end);
  let letters = 0;
  for (let i = 0; i < inner.length && letters < 2; i++) if (/\p{L}/u.test(inner[i]!)) letters++;
  if (letters < 2) return false;
  const ws = words(ctx, start, end);
  // The headline line: quotations there are the story's, whatever their case.
  const first = ctx.toks[tokenAt(ctx, start)];
  if (first && first.para === 0 && ctx.paras.length > 1) return true;
  if (titleCase(ws)) return sentenceHasCue(ctx, start, end);
  if (ws.length <= 2) return sentenceHasCue(ctx, start, end);
  return true;
}

/** Is there a speech verb outside quotation marks in the quotation's sentence(s)? */
function sentenceHasCue(ctx: Ctx, start: number, end: number): boolean {
  const a = tokenAt(ctx, start);
  const b = tokenAt(ctx, end);
  const first = ctx.sentOf[Math.min(a, ctx.toks.length - 1)] ?? 0;
  const last = ctx.sentOf[Math.max(0, Math.min(b, ctx.toks.length) - 1)] ?? first;
  const flags = cueSentences(ctx);
  for (let s = first; s <= last && s - first < 4; s++) if (flags[s]) return true;
  return false;
}

const cache = new WeakMap<Ctx, Uint8Array>();

/** One pass: which sentences hold a speech verb outside quotation marks. */
function cueSentences(ctx: Ctx): Uint8Array {
  let flags = cache.get(ctx);
  if (flags) return flags;
  flags = new Uint8Array(ctx.sentStart.length);
  for (let i = 0; i < ctx.toks.length; i++) {
    if (ctx.quoteOf[i] !== -1) continue;
    const t = ctx.toks[i]!;
    if (t.word && (SPEECH_VERBS.has(t.lower) || t.lower === 'according')) flags[ctx.sentOf[i]!] = 1;
  }
  cache.set(ctx, flags);
  return flags;
}
