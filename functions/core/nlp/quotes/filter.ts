/**
 * Quoted spans that are not quotations: titles of shows and books ("Fox and Friends"), scare
 * quotes of a word or two, numbers. Kept only when a speaker was found for them.
 */

import type { Ctx } from './context.ts';

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

/** Should a quotation with no speaker still be reported? */
export function keepUnattributed(ctx: Ctx, start: number, end: number): boolean {
  const inner = ctx.text.slice(start, end);
  let letters = 0;
  for (let i = 0; i < inner.length && letters < 2; i++) if (/\p{L}/u.test(inner[i]!)) letters++;
  if (letters < 2) return false;
  const words = inner
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length <= 2) return false;
  // Title case throughout and short: a title.
  if (words.length <= 8 && words.every((w) => SMALL.has(w.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(w)))
    return false;
  return true;
}
