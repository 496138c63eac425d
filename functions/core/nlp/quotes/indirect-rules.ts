/**
 * The named rules of reported (indirect) speech, indirect.ts: the shapes that produce a reported
 * clause and the guards that refuse one. Each has an id (used by the ablation, the `disabled`
 * option and the `rule` of each reported quotation), a one-line doc and invented examples that
 * test/core/nlp/quotes/indirect-rules.test.ts checks: with every rule on, a reported quotation
 * whose text is `content` is output (`content: null`: none containing `absent` is); with the rule
 * switched off, the output differs.
 */

import { DETERMINERS } from '../../lexicon/nominal-roles.ts';
import { ACTION_CUES, DECISION_CUES, NOUN_LIKE, SUBJECT_WORDS } from '../../lexicon/reported-guards.ts';
import { REPORTING_VERBS, SPEECH_VERBS, TIME_WORDS } from '../../lexicon/speech-verbs.ts';
import type { EntityType } from '../../types.ts';
import { type Ctx, tokenAt } from './context.ts';
import { isAdverb, NO_INVERSION } from './cues.ts';
import type { Reported } from './indirect.ts';
import {
  type CueMatch,
  type CueSite,
  describeNp,
  hasQuote,
  make,
  NEW_SUBJECT,
  objectPronoun,
  opensOwnClause,
  span,
} from './indirect-parts.ts';
import { type Discourse, npAfter, npBefore, type Resolved, resolveNp } from './resolve.ts';
import type { RuleInfo } from './rules.ts';

export interface IndirectExample {
  readonly text: string;
  readonly names?: readonly [string, EntityType][];
  /** The reported clause output with the rule on; null: a guard, nothing containing `absent` is. */
  readonly content: string | null;
  /** For a guard: text no reported clause may contain while the rule is on. */
  readonly absent?: string;
}

export interface IndirectRule extends Omit<RuleInfo, 'examples' | 'kind'> {
  readonly kind: 'sieve' | 'guard' | 'modifier';
  readonly examples: readonly IndirectExample[];
  /** A guard's match: does it refuse the cue verb at token v? (The stage asks the guards in table order.) */
  readonly refuses?: (ctx: Ctx, v: number) => boolean;
  /** A modifier's match: the reported clause as it changes it (the same object when it does not apply). */
  readonly modify?: (ctx: Ctx, r: Reported) => Reported;
  /**
   * A sentence sieve's match: the reported clause it reads from the sentence's tokens [s0, end),
   * or null. (The stage asks these first, in table order; the first that answers ends the sentence.)
   */
  readonly sentence?: (ctx: Ctx, d: Discourse, s0: number, end: number) => Reported | null;
  /**
   * A cue sieve's match on a reporting verb the guards let through: what it reports and where the
   * scan goes on, or null to let the next sieve try. (The stage asks these in table order; their
   * outputs are dropped afterwards when the rule is switched off, so switching one off changes no
   * other rule's reading.)
   */
  readonly cue?: (ctx: Ctx, d: Discourse, at: CueSite) => CueMatch | null;
}

/** Minimum words in a reported clause. */
export const MIN_WORDS = 3;

/** Words (letters or digits) among tokens [a, b). */
export function wordsIn(ctx: Ctx, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) if (ctx.toks[i]!.word) n++;
  return n;
}

/** At most this many tokens between the comma and the verb of a trailing attribution: ", the city's lawyers said". */
export const TRAILING_SOURCE_TOKENS = 6;

/**
 * indirect.trim-attribution: content never swallows its own attribution: `… the bridge would
 * close in May, officials said` reported through an earlier verb ends before `, officials said`.
 */
function withoutTrailingAttribution(ctx: Ctx, r: Reported): Reported {
  const { toks } = ctx;
  const a = tokenAt(ctx, r.start);
  let b = tokenAt(ctx, r.end);
  while (b > a && !toks[b - 1]!.word) b--;
  const verb = toks[b - 1];
  if (!verb || !REPORTING_VERBS.has(verb.lower) || verb.start === r.cue?.start) return r;
  for (let k = b - 2; k > a && b - 1 - k <= TRAILING_SOURCE_TOKENS + 1; k--) {
    const t = toks[k]!;
    if (t.text === ',')
      return wordsIn(ctx, a, k) >= MIN_WORDS ? { ...r, end: toks[k - 1]!.end, trimmedFrom: r.end } : r;
    if (!t.word && t.text !== "'" && t.text !== '’') return r;
  }
  return r;
}

/** indirect.according-to: `According to X, CONTENT.` and `CONTENT, according to X.` */
function accordingTo(ctx: Ctx, d: Discourse, s0: number, end: number): Reported | null {
  const { toks } = ctx;
  for (let i = s0; i + 1 < end; i++) {
    if (toks[i]!.lower !== 'according' || toks[i + 1]!.lower !== 'to' || ctx.quoteOf[i] !== -1) continue;
    const np = npAfter(ctx, i + 2, end);
    // Any source phrase will do after "according to": "a CNN tally", "state law", "him".
    const named = np ? resolveNp(ctx, d, np) : null;
    const pron = np && !named ? objectPronoun(ctx, d, np) : null;
    const sp = np ? (named ?? pron ?? describeNp(ctx, np)) : null;
    if (!np || !sp) continue;
    const via = named
      ? 'the source phrase after "according to", resolved'
      : pron
        ? 'the pronoun after "according to", resolved'
        : 'the source phrase after "according to", as written';
    let a: number;
    let b: number;
    // "In addition, according to the ministry, …": a short opener is no content.
    const opener = i > s0 && i - s0 <= 4 && toks[i - 1]!.text === ',' && toks[np.b]?.text === ',';
    if (i === s0 || opener || (i > s0 && toks[i - 1]!.text !== ',' && i - s0 <= 2)) {
      // Content after the source phrase and its comma.
      a = np.b;
      while (a < end && !toks[a]!.word) a++;
      b = end;
    } else {
      a = s0;
      b = i;
      while (b > a && !toks[b - 1]!.word) b--;
    }
    if (b - a < 1 || wordsIn(ctx, a, b) < MIN_WORDS || hasQuote(ctx, a, b)) continue;
    return make(ctx, a, b, span(ctx, i, i + 2), sp, 'indirect.according-to', via);
  }
  return null;
}

/**
 * indirect.trailing: `CONTENT, X said.` and `CONTENT, said X.`: a short attribution closing the
 * sentence after a comma reports everything before that comma.
 */
function trailing(ctx: Ctx, d: Discourse, at: CueSite): CueMatch | null {
  const { toks } = ctx;
  const { s0, end, v, fronted, askAt } = at;
  const after = toks[v + 1];
  // Not when the verb opens a reported clause of its own ("In a speech Friday, Clinton said she
  // hopes …": the introductory phrase is no content).
  const opensClause = opensOwnClause(ctx, v, end);
  // Not when more of the sentence follows the verb's comma: "A, X said, B" is handled next.
  const setOffInside = toks[v + 1]?.text === ',' && wordsIn(ctx, v + 2, end) >= MIN_WORDS;
  // Nor when the verb takes an object ("On Jan. 9, the water board announced a deal").
  const object = after !== undefined && v + 1 < end && DETERMINERS.has(after.lower);
  if (!(end - v <= 8 && v - s0 >= 4 && !opensClause && askAt < 0 && !setOffInside && !object)) return null;
  let c = v - 1;
  while (c > s0 && toks[c]!.text !== ',' && v - c <= 12) c--;
  // "When the moderator pressed him, he laughed": a fronted clause alone is no content.
  if (!(toks[c]!.text === ',' && !(fronted >= 0 && c <= fronted + 1))) return null;
  let sp: Resolved | null = null;
  const via =
    c === v - 1
      ? 'the name after the verb ("…, said X")'
      : 'the phrase between the comma and the verb ("…, X said")';
  if (c === v - 1) {
    // "…, said X" inverts only a speech verb: "…, Mike Murphy, praised the effort" has an object.
    const inverts = SPEECH_VERBS.has(toks[v]!.lower) && !NO_INVERSION.has(toks[v]!.lower);
    const np = inverts ? npAfter(ctx, v + 1, end) : null;
    // "…, said he also may campaign": a pronoun with more after it opens a clause.
    const clause = np !== null && np.b - np.a > 1 && NEW_SUBJECT.has(toks[np.a]!.lower);
    // "…, said Mr. Trump had disrespected troops": a verb after the name makes it a clause.
    const rest = np ? toks[np.b] : undefined;
    const tail =
      !rest ||
      np!.b >= end ||
      !rest.word ||
      TIME_WORDS.has(rest.lower) ||
      /^(in|on|at|during|after|before|of|from|to|with|for|about)$/.test(rest.lower);
    sp = np && end - np.b <= 4 && !clause && tail ? resolveNp(ctx, d, np) : null;
  } else {
    let b = v;
    while (b > c + 1 && (isAdverb(toks[b - 1]!) || TIME_WORDS.has(toks[b - 1]!.lower))) b--;
    const np = npBefore(ctx, b, c + 1);
    sp = np && np.a === c + 1 ? resolveNp(ctx, d, np) : null;
  }
  let b = c;
  while (b > s0 && !toks[b - 1]!.word && toks[b - 1]!.text !== ')') b--;
  if (!(sp && wordsIn(ctx, s0, b) >= MIN_WORDS && !hasQuote(ctx, s0, b))) return null;
  return { found: [make(ctx, s0, b, span(ctx, v, v + 1), sp, 'indirect.trailing', via)], next: end };
}

/** Tokens after ", and" within which a reporting verb gives the rest of the sentence its own attribution. */
const OWN_ATTRIBUTION_TOKENS = 8;

/** Does ", and X says …" after the comma at k start an attribution of its own? */
function ownAttributionAfter(ctx: Ctx, k: number, end: number): boolean {
  const { toks } = ctx;
  if (!/^(and|but)$/.test(toks[k + 1]?.lower ?? '')) return false;
  for (let i = k + 3; i < end && i - k <= OWN_ATTRIBUTION_TOKENS; i++) {
    if (!toks[i]!.word) return false;
    if (REPORTING_VERBS.has(toks[i]!.lower) && toks[i - 1]!.word) return true;
  }
  return false;
}

/** An attribution set off by commas around the verb at v: the commas c and k, and its speaker. */
interface SetOff {
  readonly c: number;
  readonly k: number;
  readonly sp: Resolved;
  readonly via: string;
}

/** Per cue site: its set-off attribution, read once (indirect.set-off and indirect.own-attribution share it). */
const setOffs = new WeakMap<CueSite, SetOff | null>();

/** `A, X said, B` and `A, said X, B`: the attribution set off inside the sentence at the verb at.v, or null. */
function setOffAttribution(ctx: Ctx, d: Discourse, at: CueSite): SetOff | null {
  if (setOffs.has(at)) return setOffs.get(at)!;
  const { toks } = ctx;
  const { s0, end, v } = at;
  let found: SetOff | null = null;
  if (v - s0 >= 4 && end - v > 4 && !opensOwnClause(ctx, v, end)) {
    let c = v - 1;
    while (c > s0 && toks[c]!.text !== ',' && v - c <= 6) c--;
    let k = v + 1;
    while (k < end && toks[k]!.text !== ',' && k - v <= 6) k++;
    if (toks[c]!.text === ',' && toks[k]?.text === ',' && k < end - 3 && c - s0 >= 3) {
      let b = v;
      while (b > c + 1 && (isAdverb(toks[b - 1]!) || TIME_WORDS.has(toks[b - 1]!.lower))) b--;
      const np = c === v - 1 ? npAfter(ctx, v + 1, k) : npBefore(ctx, b, c + 1);
      const sp = np && (c === v - 1 || np.a === c + 1) ? resolveNp(ctx, d, np) : null;
      const via = c === v - 1 ? 'the name after the set-off verb' : 'the name before the set-off verb';
      if (sp) found = { c, k, sp, via };
    }
  }
  setOffs.set(at, found);
  return found;
}

/**
 * indirect.set-off: `A, X said, B.`: the attribution set off inside its content reports the whole
 * sentence (unless B has an attribution of its own: indirect.own-attribution).
 */
function setOff(ctx: Ctx, d: Discourse, at: CueSite): CueMatch | null {
  const { s0, end, v } = at;
  const so = setOffAttribution(ctx, d, at);
  if (!so || ownAttributionAfter(ctx, so.k, end)) return null;
  if (hasQuote(ctx, s0, end) || wordsIn(ctx, so.k + 1, end) < MIN_WORDS) return null;
  return { found: [make(ctx, s0, end, span(ctx, v, v + 1), so.sp, 'indirect.set-off', so.via)], next: end };
}

/**
 * indirect.own-attribution: `A, records show, and experts say B`: B has an attribution of its own,
 * so the first one reports A alone, and the scan goes on after its comma (even when A is too short
 * to report).
 */
function ownAttribution(ctx: Ctx, d: Discourse, at: CueSite): CueMatch | null {
  const { toks } = ctx;
  const { s0, end, v } = at;
  const so = setOffAttribution(ctx, d, at);
  if (!so || !ownAttributionAfter(ctx, so.k, end)) return null;
  let e = so.c;
  while (e > s0 && !toks[e - 1]!.word) e--;
  const found =
    wordsIn(ctx, s0, e) >= MIN_WORDS && !hasQuote(ctx, s0, e)
      ? [make(ctx, s0, e, span(ctx, v, v + 1), so.sp, 'indirect.own-attribution', so.via)]
      : [];
  return { found, next: so.k };
}

/** indirect.no-decision: the cue is a decision or vote (`decided`, `voted`, `opposed`). */
function decisionCue(ctx: Ctx, v: number): boolean {
  return DECISION_CUES.has(ctx.toks[v]!.lower);
}

/** indirect.action-cue: the cue is a verb of doing, not of saying or thinking (`seized`, `offered`). */
function actionCue(ctx: Ctx, v: number): boolean {
  return ACTION_CUES.has(ctx.toks[v]!.lower);
}

/**
 * indirect.noun-cue: the cue reads more often as a noun (`talks`, `plan`, `study`) and no subject
 * (a subject word, a name or an adverb) stands right before it.
 */
function nounCue(ctx: Ctx, v: number): boolean {
  const { toks } = ctx;
  if (!NOUN_LIKE.has(toks[v]!.lower)) return false;
  const p = toks[v - 1];
  const subject = p && (SUBJECT_WORDS.has(p.lower) || ctx.mentionOf[v - 1] !== -1 || isAdverb(p));
  return !subject;
}

const P = 'PERSON';
const O = 'ORGANIZATION';

export const INDIRECT_RULES: readonly IndirectRule[] = [
  {
    id: 'indirect.according-to',
    kind: 'sieve',
    sentence: accordingTo,
    doc: '`According to X, CONTENT.` and `CONTENT, according to X.`',
    examples: [
      {
        text: 'According to Harbor Bank, the branch will reopen in March.',
        names: [['Harbor Bank', O]],
        content: 'the branch will reopen in March',
      },
    ],
  },
  {
    id: 'indirect.asked',
    kind: 'sieve',
    doc: 'a question put to someone (`Asked whether …, X said`): the question, credited to the asker or nobody',
    examples: [
      {
        text: 'Asked whether the pool would stay open, Mara Quint said she had no idea.',
        names: [['Mara Quint', P]],
        content: 'whether the pool would stay open',
      },
    ],
  },
  {
    id: 'indirect.document',
    kind: 'sieve',
    doc: 'a poll, study or report opening the sentence speaks for the rest of it',
    examples: [
      {
        text: 'In a county survey released Monday, most renters favor the new bus line.',
        content: 'most renters favor the new bus line',
      },
    ],
  },
  {
    id: 'indirect.trailing',
    kind: 'sieve',
    cue: trailing,
    doc: '`CONTENT, X said.` and `CONTENT, said X.`',
    examples: [
      {
        text: 'The ferry will stop running in winter, Tom Reyes said.',
        names: [['Tom Reyes', P]],
        content: 'The ferry will stop running in winter',
      },
    ],
  },
  {
    id: 'indirect.set-off',
    kind: 'sieve',
    cue: setOff,
    doc: '`A, X said, B.`: an attribution set off inside its content reports the whole sentence',
    examples: [
      {
        text: 'The new clinic, Tom Reyes said, will open its doors to everyone next spring.',
        names: [['Tom Reyes', P]],
        content: 'The new clinic, Tom Reyes said, will open its doors to everyone next spring',
      },
    ],
  },
  {
    id: 'indirect.own-attribution',
    kind: 'sieve',
    cue: ownAttribution,
    doc: '`A, records show, and experts say B`: the first attribution reports A alone',
    examples: [
      {
        text: 'The dam leaked for years, Tom Reyes said, and engineers say the repairs came far too late.',
        names: [['Tom Reyes', P]],
        content: 'The dam leaked for years',
      },
    ],
  },
  {
    id: 'indirect.clause',
    kind: 'sieve',
    doc: '`X said (that) CONTENT`, `X told reporters CONTENT`: the clause after a speech or cognition verb',
    examples: [
      {
        text: 'Mara Quint said that the library would close early on Fridays.',
        names: [['Mara Quint', P]],
        content: 'that the library would close early on Fridays',
      },
    ],
  },
  {
    id: 'indirect.coordinated',
    kind: 'sieve',
    doc: '`X says A and said B`: a coordinated second verb shares the subject',
    examples: [
      {
        text: 'Mara Quint says the roads are safe and added that the plows are ready for the storm.',
        names: [['Mara Quint', P]],
        content: 'the plows are ready for the storm',
      },
    ],
  },
  {
    id: 'indirect.topic',
    kind: 'sieve',
    doc: '`X is skeptical of CONTENT`, `X raised questions about CONTENT`: the topic, credited to X',
    examples: [
      {
        text: 'Tom Reyes is skeptical of the new budget for the harbor.',
        names: [['Tom Reyes', P]],
        content: 'the new budget for the harbor',
      },
    ],
  },
  {
    id: 'indirect.labelled',
    kind: 'sieve',
    doc: 'a paragraph opened by a speaker label in capitals and a colon (`REYES: …`) is what the speaker said',
    examples: [
      {
        text: 'The hearing went on.\n\nREYES: We never saw the second report at all.',
        content: 'We never saw the second report at all',
      },
    ],
  },
  {
    id: 'indirect.trim-attribution',
    kind: 'modifier',
    modify: withoutTrailingAttribution,
    doc: 'content never swallows its own attribution: `… in May, officials said` ends before the comma',
    examples: [
      {
        text: 'Tom Reyes said the bridge would close in May, officials said.',
        names: [['Tom Reyes', P]],
        content: 'the bridge would close in May',
      },
    ],
  },
  {
    id: 'indirect.no-decision',
    kind: 'guard',
    refuses: decisionCue,
    doc: 'decisions and votes (`decided`, `voted`, `opposed`) report no speech',
    examples: [
      {
        text: 'The board decided to close the old pier after the storm.',
        content: null,
        absent: 'close the old pier',
      },
    ],
  },
  {
    id: 'indirect.action-cue',
    kind: 'guard',
    refuses: actionCue,
    doc: 'verbs of doing, not of saying or thinking (`seized`, `offered`, `pushed`, `unveiled`), report no speech',
    examples: [
      {
        text: 'The harbor police seized two boats that were carrying stolen engines.',
        content: null,
        absent: 'two boats that were carrying',
      },
      {
        text: 'Mara Quint offered the volunteers a ride back to the shelter.',
        names: [['Mara Quint', P]],
        content: null,
        absent: 'the volunteers a ride',
      },
    ],
  },
  {
    id: 'indirect.noun-cue',
    kind: 'guard',
    refuses: nounCue,
    doc: 'nouns that look like cues (`talks`, `plan`, `study`, `report`) cue nothing unless a subject stands right before them',
    examples: [
      {
        // Off, "talks" cues "between the two unions could end the strike" from "Renewed talks".
        text: 'Renewed talks between the two unions could end the strike, Tom Reyes said.',
        names: [['Tom Reyes', P]],
        content: 'Renewed talks between the two unions could end the strike',
      },
    ],
  },
];

type SentenceSieve = IndirectRule & {
  readonly sentence: (ctx: Ctx, d: Discourse, s0: number, end: number) => Reported | null;
};
type CueSieve = IndirectRule & { readonly cue: (ctx: Ctx, d: Discourse, at: CueSite) => CueMatch | null };
type Guard = IndirectRule & { readonly refuses: (ctx: Ctx, v: number) => boolean };
type Modifier = IndirectRule & { readonly modify: (ctx: Ctx, r: Reported) => Reported };

/** The sieves that read a whole sentence, in table order. */
export const SENTENCE_SIEVE_RULES: readonly SentenceSieve[] = INDIRECT_RULES.filter(
  (r): r is SentenceSieve => !!r.sentence,
);

/** The sieves that read a sentence from one of its reporting verbs, in table order. */
export const CUE_SIEVE_RULES: readonly CueSieve[] = INDIRECT_RULES.filter((r): r is CueSieve => !!r.cue);

/** The guards on a reported-speech cue verb, in table order. */
export const CUE_GUARD_RULES: readonly Guard[] = INDIRECT_RULES.filter((r): r is Guard => !!r.refuses);

/** The modifiers of a reported clause, in table order. */
export const MODIFIER_RULES: readonly Modifier[] = INDIRECT_RULES.filter((r): r is Modifier => !!r.modify);
