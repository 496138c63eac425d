/**
 * Quoted spans that are not quotations: titles of shows and books ("Fox and Friends"), scare
 * quotes with no speech around them, numbers. Decided per quotation from its words and context.
 */

import { SPEECH_VERBS } from '../../lexicon/speech-verbs.ts';
import { type Ctx, tokenAt } from './context.ts';

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
]);

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
  const ws = words(ctx, start, end);
  if (!titleCase(ws)) return false;
  const open = tokenAt(ctx, start);
  const prev = ctx.toks[open - 1];
  if (!prev || prev.para !== ctx.toks[open]?.para) return false;
  const pl = prev.lower;
  return (
    TITLE_BEFORE.has(pl) ||
    pl.endsWith("'s") ||
    pl === "'" ||
    (prev.cap && prev.word && ctx.paras[prev.para]!.start !== 0 && prev.para > 0 && !SPEECH_VERBS.has(pl))
  );
}

/** Should a quotation with no speaker still be reported? */
export function keepUnattributed(ctx: Ctx, start: number, end: number): boolean {
  const inner = ctx.text.slice(start, end);
  let letters = 0;
  for (let i = 0; i < inner.length && letters < 2; i++) if (/\p{L}/u.test(inner[i]!)) letters++;
  if (letters < 2) return false;
  const ws = words(ctx, start, end);
  if (titleCase(ws)) return sentenceHasCue(ctx, start, end);
  if (ws.length <= 2) return sentenceHasCue(ctx, start, end);
  return true;
}

/** Is there a speech verb outside quotation marks in the quotation's sentence? */
function sentenceHasCue(ctx: Ctx, start: number, end: number): boolean {
  const a = tokenAt(ctx, start);
  const b = tokenAt(ctx, end);
  const s0 = ctx.sentStart[ctx.sentOf[a] ?? 0]!;
  const sl = ctx.sentOf[Math.max(a, b - 1)] ?? 0;
  const s1 = ctx.sentStart[sl + 1] ?? ctx.toks.length;
  for (let i = s0; i < s1; i++) {
    if (ctx.quoteOf[i] !== -1) continue;
    const t = ctx.toks[i]!;
    if (t.word && (SPEECH_VERBS.has(t.lower) || t.lower === 'according')) return true;
  }
  return false;
}
