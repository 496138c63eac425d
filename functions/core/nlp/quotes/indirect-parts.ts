/**
 * Small pieces shared by the reported-speech stage (indirect.ts) and the match functions of its
 * rules (indirect-rules.ts): token spans, the reported clause record, source phrases.
 */

import type { Span } from '../../types.ts';
import type { Ctx } from './context.ts';
import type { Reported } from './indirect.ts';
import { type Discourse, describe, type Resolved, resolvePronoun } from './resolve.ts';

/** Subject pronouns. */
export const NEW_SUBJECT = new Set(['he', 'she', 'they', 'it', 'we', 'i']);

const OBJECT_PRONOUNS = new Map<string, 'male' | 'female' | 'plural'>([
  ['him', 'male'],
  ['her', 'female'],
  ['them', 'plural'],
]);

/** The text span of tokens [a, b). */
export function span(ctx: Ctx, a: number, b: number): Span {
  const s = ctx.toks[a]!.start;
  const e = ctx.toks[b - 1]!.end;
  return { text: ctx.text.slice(s, e), start: s, end: e };
}

/** Does [a, b) hold a quotation or a stray quotation mark? */
export function hasQuote(ctx: Ctx, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (ctx.quoteOf[i] !== -1) return true;
  // Stray marks outside any quotation also disqualify the clause.
  for (let i = a; i < b; i++) {
    const t = ctx.toks[i]!.text;
    if (t === '"' || t === '“' || t === '”' || t === "''" || t === '``') return true;
  }
  return false;
}

/** "according to him": an object pronoun resolved like its subject form. */
export function objectPronoun(ctx: Ctx, d: Discourse, np: { a: number; b: number }): Resolved | null {
  const kind = np.b - np.a === 1 ? OBJECT_PRONOUNS.get(ctx.toks[np.a]!.lower) : undefined;
  return kind ? resolvePronoun(ctx, d, np.a, kind) : null;
}

/** A source phrase described as written ("a CNN tally", "state law"); never a bare pronoun. */
export function describeNp(ctx: Ctx, np: { a: number; b: number }): Resolved | null {
  const w = ctx.toks[np.a]!.lower;
  if (np.b - np.a === 1 && (NEW_SUBJECT.has(w) || OBJECT_PRONOUNS.has(w))) return null;
  return describe(ctx, np);
}

/** The reported clause of tokens [a, b), cued by `cue`, found by `rule`. */
export function make(
  ctx: Ctx,
  a: number,
  b: number,
  cue: Span,
  speaker: Resolved | null,
  rule: string,
  via: string,
): Reported {
  return {
    via,
    start: ctx.toks[a]!.start,
    end: ctx.toks[b - 1]!.end,
    paragraph: ctx.toks[a]!.para,
    cue,
    speaker,
    rule,
  };
}
