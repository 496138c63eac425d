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

/** Where a cue sieve looks: the sentence's tokens [s0, end) and its cue verb at v. */
export interface CueSite {
  readonly s0: number;
  readonly end: number;
  readonly v: number;
  /** The last token of a fronted subordinate clause opening the sentence ("When …,"), -1 when none. */
  readonly fronted: number;
  /** The "asked" of a question opening the sentence ("Asked whether …,"), -1 when none. */
  readonly askAt: number;
}

/** What a cue sieve found, and the token after which the scan of the sentence goes on. */
export interface CueMatch {
  readonly found: readonly Reported[];
  /** The scan resumes after this token; the sentence's end when it is done. */
  readonly next: number;
}

/**
 * Does the verb at v open a reported clause of its own ("In a speech Friday, Clinton said she
 * hopes …")? Then the words before it are no content.
 */
export function opensOwnClause(ctx: Ctx, v: number, end: number): boolean {
  const { toks } = ctx;
  const after = toks[v + 1];
  return (
    after !== undefined &&
    v + 1 < end &&
    toks[v - 1]?.text !== ',' &&
    /^(that|he|she|they|we|i|it|there)$/.test(after.lower)
  );
}
