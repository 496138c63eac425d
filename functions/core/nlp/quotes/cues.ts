/**
 * Step 3: cues around a direct quotation. After it: `"…," X said`, `"…," said X`,
 * `"…," according to X`; before it: `X said: "…"`, `X told reporters "…"`, partial quotations in
 * a reported clause (`X called the plan "a disgrace"`). Each cue yields the speaker phrase,
 * resolved by resolve.ts.
 */

import {
  AUX_ED,
  CLAUSE_OPENERS,
  COORD,
  IRREGULAR_PAST,
  NO_INVERSION,
  NOUN_BEFORE,
  NOUNABLE,
  NP_STOP_WORDS,
  SAYING,
  SPEECH_NOUNS,
  SUBORDINATORS,
  WEAK_BEFORE,
} from '../../lexicon/cue-words.ts';
import { DETERMINERS, NOMINAL_HEADS } from '../../lexicon/nominal-roles.ts';
import { NOT_SUBJECT_AFTER, PREPOSITIONS } from '../../lexicon/prepositions.ts';
import { GENDERED_FORMS, SPEAKER_PRONOUNS } from '../../lexicon/pronouns.ts';
import { CUE_ADVERBS, SPEECH_VERBS, TIME_WORDS } from '../../lexicon/speech-verbs.ts';
import type { Span } from '../../types.ts';
import { type Ctx, tokenAt } from './context.ts';
import type { MarkedQuote } from './marks.ts';
import {
  type Discourse,
  describe,
  type Np,
  npAfter,
  npBefore,
  type Resolved,
  resolveNp,
  resolvePronoun,
} from './resolve.ts';
import type { RuleSwitches } from './switches.ts';

export interface CueHit {
  readonly cue: Span | null;
  readonly speaker: Resolved | null;
}

/** Is token i a speech verb? `rules` switches the two guards below. */
function isCueVerb(ctx: Ctx, rules: RuleSwitches, i: number): boolean {
  const t = ctx.toks[i]!;
  if (!t.word) return false;
  // Capitalised verbs only in title-cased headlines ("Mayor Calls Levy ‘A Disgrace’").
  if (
    t.cap &&
    (i === 0 || ctx.sentOf[i - 1] !== ctx.sentOf[i] || !ctx.toks[i - 1]!.cap || ctx.mentionOf[i] !== -1) &&
    rules.on('cue.title-case-verb')
  ) {
    if (SPEECH_VERBS.has(t.lower)) rules.fire('cue.title-case-verb');
    return false;
  }
  if (!SPEECH_VERBS.has(t.lower)) return false;
  if (NOUNABLE.has(t.lower) && i > 0 && rules.on('cue.noun-form') && nounForm(ctx, i)) {
    rules.fire('cue.noun-form');
    return false;
  }
  return true;
}

/** Is the noun-or-verb form at token i the noun, by the word before it? */
function nounForm(ctx: Ctx, i: number): boolean {
  const prev = ctx.toks[i - 1]!.lower;
  if (DETERMINERS.has(prev) || prev.endsWith("'s") || prev.endsWith('’s') || prev === 'of') return true;
  // "in praise of", "a conference call", "his repeated calls", "a video comment".
  if (NOUN_BEFORE.has(prev) || (/^[a-z]+ed$/.test(prev) && !AUX_ED.has(prev))) return true;
  // "taking calls", "the following comment", "his bold pledge", "the loud chant".
  if (/^[a-z]{3,}(ing|al|ic|ous|ive|ful)$/.test(prev)) return true;
  // "In a separate tweet, …", "with a brief statement": a preposition, a determiner and one
  // modifier before it make it the noun of a prepositional phrase.
  const det = ctx.toks[i - 2];
  if (det && DETERMINERS.has(det.lower) && PREPOSITIONS.has(ctx.toks[i - 3]?.lower ?? '')) return true;
  // "of Nordic claims": after a nationality or party adjective it is the noun.
  const mi = ctx.mentionOf[i - 1]!;
  return mi >= 0 && ctx.mentions[mi]!.type === 'MISC';
}

/** A noun phrase's speaker, or the phrase as written when a determiner opens it ("a message"). */
function resolveOrDescribe(ctx: Ctx, d: Discourse, np: Np): Resolved | null {
  return resolveNp(ctx, d, np) ?? (DETERMINERS.has(ctx.toks[np.a]!.lower) ? describe(ctx, np) : null);
}

function span(ctx: Ctx, a: number, b: number): Span {
  const s = ctx.toks[a]!.start;
  const e = ctx.toks[b - 1]!.end;
  return { text: ctx.text.slice(s, e), start: s, end: e };
}

/** Verbs whose following noun phrase is their object (used by indirect.ts too). */
export { NO_INVERSION };

const TERMINAL = new Set(['.', '!', '?', ';']);

/** What a rule returns: a speaker found, STOP (the rest of its group is not tried), or null. */
export const STOP = 'stop' as const;
export type Outcome = CueHit | typeof STOP | null;

/** Longest clause after a quotation searched for its attribution, in tokens. */
export const TAIL_WINDOW = 45;
/** A new sentence after a quotation closed with a full stop is its cue only when this short. */
const NEXT_SENTENCE_CUE_MAX = 8;
/** How far a subject phrase may run to its speech verb after a quotation. */
const TAIL_VERB_MAX = 30;
/** The subject of a tail cue starts within this many tokens of the clause. */
const TAIL_SUBJECT_SLACK = 3;
/** An unpunctuated quotation's cue verb ends its clause within this many tokens. */
const UNCLOSED_VERB_TO_END = 4;
/** A described subject of an any-verb tail ("the nominee riffed") has at most this many tokens. */
const DESCRIBED_SUBJECT_MAX = 5;

/** The clause after a quotation, up to its sentence end, where tail rules look. */
export interface TailScan {
  /** First word of the clause, and the clause's exclusive end. */
  readonly i: number;
  readonly end: number;
  readonly firstAfter: number;
  /** The last character inside the marks that is no mark or space. */
  readonly inner: string;
  /** Did the quotation end (punctuation inside, or a comma or dash after it)? */
  readonly ended: boolean;
  /** Is the clause's first word a speech verb? */
  readonly cueFirst: boolean;
  /** Does the clause open with a lowercase word that is neither a pronoun nor a determiner? */
  readonly lowerStart: boolean;
}

export function tailScan(ctx: Ctx, d: Discourse, q: MarkedQuote, firstAfter: number): TailScan | null {
  const { toks } = ctx;
  const para = q.lastParagraph;
  if (toks[firstAfter]?.para !== para) return null;
  let end = firstAfter;
  while (
    end < toks.length &&
    end - firstAfter < TAIL_WINDOW &&
    toks[end]!.para === para &&
    ctx.quoteOf[end] === -1 &&
    !isSentenceEnd(ctx, end)
  )
    end++;
  let i = firstAfter;
  while (i < end && !toks[i]!.word) i++;
  if (i >= end) return null;
  // The quotation must end where the attribution starts: closing punctuation inside the marks,
  // or a comma or dash right after them.
  let k = q.end - 1;
  while (k > q.start && /["”’'»›\s]/.test(ctx.text[k]!)) k--;
  const inner = ctx.text[k] ?? '';
  const ended = /[,.!?…—–-]/.test(inner) || i > firstAfter || toks[i - 1]?.text === ',';
  const fl = toks[i]!.lower;
  const lowerStart = !(toks[i]!.cap || SPEAKER_PRONOUNS.has(fl) || DETERMINERS.has(fl));
  return { i, end, firstAfter, inner, ended, cueFirst: isCueVerb(ctx, d.rules, i), lowerStart };
}

/** `"…," according to X`. */
export function tailAccordingTo(ctx: Ctx, d: Discourse, t: TailScan): Outcome {
  const { toks } = ctx;
  const { i, end } = t;
  if (!(toks[i]!.lower === 'according' && toks[i + 1]?.lower === 'to')) return null;
  const np = npAfter(ctx, i + 2, end);
  const sp = np ? resolveNp(ctx, d, np) : null;
  return sp ? { cue: span(ctx, i, i + 2), speaker: sp } : STOP;
}

/** `"…," saying …`: a participle continues the sentence's own subject; no inversion. */
export function tailParticiple(ctx: Ctx, d: Discourse, t: TailScan, q: MarkedQuote): Outcome {
  const { i } = t;
  if (!t.cueFirst || !ctx.toks[i]!.lower.endsWith('ing')) return null;
  const open = tokenAt(ctx, q.start);
  const sp = firstSubject(ctx, d, ctx.sentStart[ctx.sentOf[open]!]!, open);
  return sp ? { cue: span(ctx, i, i + 1), speaker: sp } : STOP;
}

/** A verb that takes an object ("described the plan as") is not inverted: what follows is its object. */
export function tailObjectVerb(ctx: Ctx, t: TailScan): Outcome {
  return t.cueFirst && NO_INVERSION.has(ctx.toks[t.i]!.lower) ? STOP : null;
}

/** "said X" (inversion). */
export function tailInverted(ctx: Ctx, d: Discourse, t: TailScan): Outcome {
  if (!t.cueFirst) return null;
  const { i, end } = t;
  const np = npAfter(ctx, i + 1, end);
  const sp = np ? resolveNp(ctx, d, np) : null;
  return sp ? { cue: span(ctx, i, i + 1), speaker: sp } : STOP;
}

/**
 * A quotation closing its sentence ("….”) is followed by a new sentence: only a short cue that
 * ends that sentence ("…." Smith said.) belongs to it, not the next sentence's own cue.
 */
export function tailNextSentence(ctx: Ctx, t: TailScan): Outcome {
  const first = ctx.toks[t.i]!;
  if (!(/[.!?…]/.test(t.inner) && first.cap && !SPEAKER_PRONOUNS.has(first.lower))) return null;
  if (ctx.quoteOf[t.end] !== undefined && ctx.quoteOf[t.end] !== -1) return STOP;
  if (t.inner === '.' && t.end - t.i > NEXT_SENTENCE_CUE_MAX) return STOP;
  return null;
}

/** A closed quotation followed by a clause that runs into the next quotation (`, X said: "…"`). */
export function tailIntroducesNext(ctx: Ctx, t: TailScan): Outcome {
  if (!(/[.!?…]/.test(t.inner) && ctx.quoteOf[t.end] !== undefined && ctx.quoteOf[t.end] !== -1)) return null;
  const last = ctx.toks[t.end - 1]!.text;
  return last === ',' || last === ':' ? STOP : null;
}

/**
 * "…." He noted that the crowd had come from far: a new sentence whose pronoun and verb report
 * something of their own ("that …") is no attribution of the quotation before it.
 */
export function tailOwnReport(ctx: Ctx, d: Discourse, t: TailScan): Outcome {
  const { toks } = ctx;
  const { i } = t;
  const first = toks[i]!;
  if (
    !(
      /[.!?…]/.test(t.inner) &&
      first.cap &&
      SPEAKER_PRONOUNS.has(first.lower) &&
      isCueVerb(ctx, d.rules, i + 1)
    )
  )
    return null;
  return toks[i + 2]?.lower === 'that' ? STOP : null;
}

/** A clause opening with a conjunction, preposition or auxiliary is no attribution. */
export function tailClauseWord(ctx: Ctx, t: TailScan): Outcome {
  const fl = ctx.toks[t.i]!.lower;
  return t.lowerStart && (NP_STOP_WORDS.has(fl) || !/^[a-z]/.test(fl)) ? STOP : null;
}

/**
 * `"…," the nominee riffed`: after a quotation ending in a comma, a subject and any past or
 * present-tense verb attribute it even when the verb is not a known speech verb.
 */
export function tailAnyVerb(ctx: Ctx, d: Discourse, t: TailScan): Outcome {
  const { toks } = ctx;
  const { i, end } = t;
  if (!/[,?!]/.test(t.inner)) return null;
  const fl = toks[i]!.lower;
  const mi = ctx.mentionOf[i]!;
  let e = i + 1;
  if (mi >= 0) while (e < end && ctx.mentionOf[e] === mi) e++;
  else if (SPEAKER_PRONOUNS.has(fl)) e = i + 1;
  else if (DETERMINERS.has(fl)) {
    while (e < end && e - i < DESCRIBED_SUBJECT_MAX && toks[e]!.word && !/(ed|s)$/.test(toks[e]!.lower)) e++;
    if (e < end && NOMINAL_HEADS.has(toks[e]!.lower)) e++;
  } else e = -1;
  const verb = e > 0 ? toks[e] : undefined;
  if (
    verb?.word &&
    !verb.cap &&
    (/^[a-z]{3,}(ed|s)$/.test(verb.lower) || IRREGULAR_PAST.has(verb.lower)) &&
    !isCueVerb(ctx, d.rules, e) &&
    (e + 1 >= end ||
      !toks[e + 1]!.word ||
      /^(on|of|at|in|to|about|back|during|while|after|before|from|with|as)$/.test(toks[e + 1]!.lower))
  ) {
    const sp = resolveNp(ctx, d, { a: i, b: e });
    if (sp) return { cue: span(ctx, e, e + 1), speaker: sp };
  }
  return null;
}

/** "X said", "X, a spokesman for Y, said", "he said", "the spokesman said" after the quotation. */
export function tailSubjectVerb(ctx: Ctx, d: Discourse, t: TailScan): Outcome {
  const { toks } = ctx;
  const { i, end, ended, lowerStart } = t;
  for (let v = i + 1; v < end && v - i <= TAIL_VERB_MAX; v++) {
    if (!isCueVerb(ctx, d.rules, v)) continue;
    if (!ended && (toks[v]!.lower.endsWith('ing') || end - v > UNCLOSED_VERB_TO_END)) return STOP;
    let b = v;
    while (b > i && isAdverb(toks[b - 1]!)) b--;
    const np = npBefore(ctx, b, i, d.rules);
    if (!np || np.a > i + TAIL_SUBJECT_SLACK) return STOP;
    const sp = resolveNp(ctx, d, np);
    if (sp && (lowerStart || !ended) && sp.type !== 'PERSON' && sp.type !== 'ORGANIZATION') {
      // `"…," officers said`, `"…!" protesters shouted`: a bare plural of one or two words right
      // before the verb, after a quotation its punctuation closed, is a described speaker.
      const plural =
        ended &&
        d.rules.on('tail.bare-plural') &&
        np.b === b &&
        np.b - np.a <= 2 &&
        /[^s]s$/.test(toks[np.b - 1]!.lower);
      if (!plural) return STOP;
      d.rules.fire('tail.bare-plural');
    }
    return sp ? { cue: span(ctx, v, v + 1), speaker: sp } : STOP;
  }
  return null;
}

/** Does token i end a sentence ("." not inside "(D-Wis.)" nor before a lowercase word)? */
function isSentenceEnd(ctx: Ctx, i: number): boolean {
  const t = ctx.toks[i]!;
  // "… at 8 p.m. He says": an abbreviation carrying its dot ends the sentence the splitter found.
  if (t.word) return t.text.endsWith('.') && i + 1 < ctx.toks.length && ctx.sentOf[i + 1] !== ctx.sentOf[i];
  if (!TERMINAL.has(t.text)) return false;
  if (t.text !== '.') return true;
  const next = ctx.toks[i + 1];
  if (!next || next.para !== t.para) return true;
  return !(next.text === ')' || next.text === ',' || (next.word && !next.cap));
}

export interface HeadFrame {
  readonly start: number;
  /** End of the frame: the quotation's first token, or the colon ending the paragraph before it. */
  readonly open: number;
  /** The quotation's first token. */
  readonly quote: number;
}

/**
 * The tokens [start, open) of the quotation's sentence before it, in its paragraph (or the
 * previous paragraph's "X said:" when the quotation opens its own); null when there are none.
 */
export function headFrame(ctx: Ctx, openTok: number): HeadFrame | null {
  const { toks } = ctx;
  const open = openTok;
  if (open <= 0) return null;
  let para = toks[open]!.para;
  let limit = open;
  // A quotation opening its paragraph after "X said:" closing the previous one.
  if (toks[open - 1]!.para !== para && toks[open - 1]!.text === ':' && ctx.quoteOf[open - 1] === -1) {
    para = toks[open - 1]!.para;
    limit = open - 1;
  }
  let start = limit;
  while (start > 0 && open - start < 45) {
    const t = toks[start - 1]!;
    if (t.para !== para || ctx.quoteOf[start - 1] !== -1) break;
    if (
      isSentenceEnd(ctx, start - 1) &&
      !(t.text === '.' && start - 2 >= 0 && /^[A-Z]$/.test(toks[start - 2]!.text))
    )
      break;
    start--;
  }
  if (start >= limit) return null;
  return { start, open: limit, quote: openTok };
}

/** A near cue's verb sits within this many tokens before the quotation. */
const NEAR_VERB_MAX = 3;
/** A described subject before a near cue has at most this many tokens. */
const NEAR_DESCRIBED_MAX = 8;

/** A speech verb right before the quotation (after any comma, colon or "that") and its subject's end. */
export interface NearScan {
  readonly start: number;
  readonly open: number;
  /** The verb, and the end of the subject before it (adverbs passed over). */
  readonly near: number;
  readonly b: number;
  /** A naming verb ("called", "dubbed"). */
  readonly naming: boolean;
  /** The mention right before the verb, -1 when none. */
  readonly mi: number;
}

export function nearScan(ctx: Ctx, d: Discourse, { start, open }: HeadFrame): NearScan | null {
  const { toks } = ctx;
  let near = open - 1;
  while (near > start && /^(,|:|that)$/.test(toks[near]!.lower)) near--;
  if (
    !(
      near > start &&
      near >= open - NEAR_VERB_MAX &&
      isCueVerb(ctx, d.rules, near) &&
      !toks[near]!.lower.endsWith('ing')
    )
  )
    return null;
  let b = near;
  while (b > start && isAdverb(toks[b - 1]!)) b--;
  const naming = /^(call|calls|called|dubbed|labeled|labelled)$/.test(toks[near]!.lower);
  const mi = b - 1 > start ? ctx.mentionOf[b - 1]! : -1;
  return { start, open, near, b, naming, mi };
}

/** "which he called “…”", "though she said, “…”"; "what it calls “…”" (an organisation's naming). */
export function nearPronoun(ctx: Ctx, d: Discourse, n: NearScan): Outcome {
  const subj = ctx.toks[n.b - 1];
  if (!(subj && (/^(he|she|they|who|whom)$/.test(subj.lower) || (n.naming && subj.lower === 'it'))))
    return null;
  const sp = resolveNp(ctx, d, { a: n.b - 1, b: n.b });
  return sp ? { cue: span(ctx, n.near, n.near + 1), speaker: sp } : null;
}

/** `…, Ms. Ortega said, “…”`, `what Mr. Lund called “…”`: a named person or organisation before the verb. */
export function nearNamed(ctx: Ctx, d: Discourse, n: NearScan): Outcome {
  const { toks } = ctx;
  const { mi, b, start, near } = n;
  const type = mi >= 0 ? ctx.mentions[mi]!.type : undefined;
  if (!((type === 'PERSON' || type === 'ORGANIZATION') && (toks[near + 1]?.text === ',' || n.naming)))
    return null;
  let a = b - 1;
  while (a > start && ctx.mentionOf[a - 1] === mi) a--;
  const sp = resolveNp(ctx, d, { a, b });
  return sp?.type ? { cue: span(ctx, near, near + 1), speaker: sp } : null;
}

/**
 * "…, the 52-year-old nurse replied, “…”": a described subject with the verb and a comma or colon
 * right before the quotation.
 */
export function nearDescribed(ctx: Ctx, d: Discourse, n: NearScan): Outcome {
  const { toks } = ctx;
  const { near, open, mi, b, start } = n;
  if (
    !(
      near === open - 2 &&
      /^[,:]$/.test(toks[open - 1]!.text) &&
      mi < 0 &&
      SPEECH_VERBS.has(toks[near]!.lower)
    )
  )
    return null;
  for (let k = b - 2; k >= start && b - k <= NEAR_DESCRIBED_MAX; k--) {
    const t = toks[k]!;
    if (!t.word || ctx.quoteOf[k] !== -1 || ctx.mentionOf[k] !== -1) break;
    if (t.lower !== 'the') continue;
    const opens = k === start || /^(,|and|but|when|as|then)$/.test(toks[k - 1]!.lower);
    if (!opens) break;
    let plain = true;
    for (let j = k + 1; j < b; j++)
      if (!toks[j]!.word || (NP_STOP_WORDS.has(toks[j]!.lower) && toks[j]!.lower !== 'of')) plain = false;
    if (!plain) break;
    const sp = resolveOrDescribe(ctx, d, { a: k, b });
    return sp ? { cue: span(ctx, near, near + 1), speaker: sp } : STOP;
  }
  return null;
}

/** A weak verb ("believes", "found") cues a quotation only within this many tokens before it. */
const WEAK_VERB_MAX = 3;
/** How far a fronted `as X put it` runs to its verb. */
const AS_PUT_IT_MAX = 8;

/** "According to X, …" anywhere in the frame before the quotation. */
export function headAccordingTo(ctx: Ctx, d: Discourse, f: HeadFrame): Outcome {
  const { toks } = ctx;
  const { start, open } = f;
  for (let i = start; i + 1 < open; i++) {
    if (toks[i]!.lower === 'according' && toks[i + 1]!.lower === 'to') {
      const np = npAfter(ctx, i + 2, open);
      const sp = np ? resolveNp(ctx, d, np) : null;
      if (sp) return { cue: span(ctx, i, i + 2), speaker: sp };
    }
  }
  return null;
}

/** "As the mayor put it in a letter, the plan is “…”": a fronted `as X put it`. */
export function headAsPutIt(ctx: Ctx, d: Discourse, f: HeadFrame): Outcome {
  const { toks } = ctx;
  const { start, open } = f;
  for (let i = start; i + 3 < open; i++) {
    if (toks[i]!.lower !== 'as') continue;
    let p = i + 2;
    while (p < i + AS_PUT_IT_MAX && p + 1 < open && !/^puts?$/.test(toks[p]!.lower)) p++;
    const put = toks[p]!.lower;
    if (!(put === 'put' || put === 'puts') || toks[p + 1]!.lower !== 'it') continue;
    const sp = resolveNp(ctx, d, { a: i + 1, b: p });
    if (sp) return { cue: span(ctx, p, p + 2), speaker: sp };
  }
  return null;
}

/** "Said Rosa Lind, who ran the shop, “…”", "Continued Ortega: “…”": a verb opening the sentence. */
export function headVerbFirst(ctx: Ctx, d: Discourse, f: HeadFrame): Outcome {
  const { toks } = ctx;
  const { start, open } = f;
  const first = toks[start]!;
  if (
    !(
      first.cap &&
      start + 1 < open &&
      SPEECH_VERBS.has(first.lower) &&
      !first.lower.endsWith('ing') &&
      ctx.mentionOf[start] === -1 &&
      (open !== f.quote || toks[open - 1]!.text === ':' || toks[open - 1]!.text === ',')
    )
  )
    return null;
  const np = npAfter(ctx, start + 1, open);
  const sp = np ? resolveNp(ctx, d, np) : null;
  return sp ? { cue: span(ctx, start, start + 1), speaker: sp } : null;
}

/**
 * A speech verb in the sentence before the quotation and its subject: "X said …", "X, who …,
 * said", "…, arguing …" (the sentence's subject). A named subject wins over a described one.
 */
export function headVerb(ctx: Ctx, d: Discourse, f: HeadFrame): Outcome {
  const { toks } = ctx;
  const { start, open } = f;
  const rules = d.rules;
  let described: CueHit | null = null;
  let describedAt = -1;
  // "While not everything the mayor says is true, Lund said the mayor is “…”": a fronted
  // subordinate clause's verbs report nothing of the main clause the quotation sits in.
  let from = start;
  if (SUBORDINATORS.has(toks[start]!.lower) && rules.on('head.subordinate-clause')) {
    let c = start + 1;
    while (c < open && toks[c]!.text !== ',' && ctx.quoteOf[c] === -1) c++;
    if (c < open && toks[c]!.text === ',') {
      from = c + 1;
      rules.fire('head.subordinate-clause');
    }
  }
  for (let v = from; v < open; v++) {
    if (!isCueVerb(ctx, d.rules, v)) continue;
    if (WEAK_BEFORE.has(toks[v]!.lower) && v < open - WEAK_VERB_MAX && rules.on('head.weak-verb')) {
      rules.fire('head.weak-verb');
      continue;
    }
    // "Ortega was asked by the host whether … “…”": the asker speaks the question.
    if (
      toks[v]!.lower === 'asked' &&
      /^(was|were|is|been|being)$/.test(toks[v - 1]?.lower ?? '') &&
      toks[v + 1]?.lower === 'by' &&
      rules.on('head.asked-by')
    ) {
      const np = npAfter(ctx, v + 2, open);
      const sp = np ? resolveNp(ctx, d, np) : null;
      if (sp) {
        rules.fire('head.asked-by');
        return { cue: span(ctx, v, v + 1), speaker: sp };
      }
      continue;
    }
    let b = v;
    while (b > start && (isAdverb(toks[b - 1]!) || isTimeWord(toks[b - 1]!))) b--;
    const participle = toks[v]!.lower.endsWith('ing');
    let sp = participle ? sentenceSubject(ctx, d, start, v) : null;
    if (!sp) {
      const np = npBefore(ctx, b, start, d.rules);
      sp = np ? resolveNp(ctx, d, np) : null;
      // "A city official who asked not to be named said": the phrase before the relative clause.
      if (!sp && !participle && rules.on('head.relative-subject')) {
        sp = relativeSubject(ctx, d, b, start);
        if (sp) rules.fire('head.relative-subject');
      }
      // "at one point even admonishing": the object of a preposition is no speaker.
      const before = np ? toks[np.a - 1] : undefined;
      if (participle && sp && !sp.type && before && NOT_SUBJECT_AFTER.has(before.lower)) sp = null;
    }
    if (!sp && !participle) sp = sentenceSubject(ctx, d, start, v);
    if (!sp) continue;
    // A description ("the number", "Last week") yields to a later verb whose subject is named,
    // unless that subject is a pronoun opening the description's own report ("The veteran senator
    // said he rarely reads …, “…”"): the pronoun is the described speaker, named through it.
    if (sp.type) {
      // The word before the subject; none when the subject opens the text.
      const k = b - 1;
      const opensReport =
        k >= 0 &&
        SPEAKER_PRONOUNS.has(toks[k]!.lower) &&
        rules.on('head.pronoun-names-description') &&
        (k === describedAt + 1 || (k === describedAt + 2 && toks[describedAt + 1]!.lower === 'that'));
      const by = described?.speaker;
      if (described && by && opensReport) {
        rules.fire('head.pronoun-names-description');
        return { cue: described.cue, speaker: { ...sp, mention: by.mention } };
      }
      if (described) rules.fire('head.named-over-described');
      return { cue: span(ctx, v, v + 1), speaker: sp };
    }
    if (!described) {
      described = { cue: span(ctx, v, v + 1), speaker: sp };
      describedAt = v;
      if (!rules.on('head.named-over-described')) return described;
    }
  }
  return described;
}

/** The first person, organisation or personal pronoun in tokens [start, end), outside quotations. */
/**
 * End of the speaker phrase at token k, within `end`: a named person or organisation (all its
 * tokens) or a personal pronoun; -1 when token k opens neither.
 */
function speakerPhraseEnd(ctx: Ctx, k: number, end: number): number {
  const mi = ctx.mentionOf[k]!;
  const named = mi >= 0 && (ctx.mentions[mi]!.type === 'PERSON' || ctx.mentions[mi]!.type === 'ORGANIZATION');
  if (!named && !SPEAKER_PRONOUNS.has(ctx.toks[k]!.lower)) return -1;
  let e = k + 1;
  while (mi >= 0 && e < end && ctx.mentionOf[e] === mi) e++;
  return e;
}

export function firstSubject(ctx: Ctx, d: Discourse, start: number, end: number): Resolved | null {
  const { toks } = ctx;
  for (let k = start; k < end && k < start + 20; k++) {
    if (ctx.quoteOf[k] !== -1) continue;
    const e = speakerPhraseEnd(ctx, k, end);
    if (e > 0) {
      // "Washington (AFP) – Clinton …", "Sanders (I-Vt.)": a parenthetical is no subject.
      if (k > start && toks[k - 1]!.text === '(' && d.rules.on('subject.skip-parenthetical')) {
        d.rules.fire('subject.skip-parenthetical');
        k = e - 1;
        continue;
      }
      // "In an interview with WKZ, Dalton …": the object of a preposition is no subject, unless a
      // participle follows it ("with Luis Moreno tweeting …").
      if (
        k > start &&
        NOT_SUBJECT_AFTER.has(toks[k - 1]!.lower) &&
        !toks[e]?.lower.endsWith('ing') &&
        d.rules.on('subject.skip-preposition-object')
      ) {
        d.rules.fire('subject.skip-preposition-object');
        k = e - 1;
        continue;
      }
      return resolveNp(ctx, d, { a: k, b: e });
    }
  }
  return null;
}

/** Subject of the sentence for a participle cue ("…, arguing that …"): its first speaker phrase. */
function sentenceSubject(ctx: Ctx, d: Discourse, start: number, v: number): Resolved | null {
  const { toks } = ctx;
  const rules = d.rules;
  const prev = toks[v - 1];
  if (!prev || !(COORD.has(prev.lower) || toks[v]!.lower.endsWith('ing'))) return null;
  const fired = (id: string, sp: Resolved | null): Resolved | null => {
    if (sp) rules.fire(id);
    return sp;
  };
  // "…, as Luis Moreno echoed the attack, saying …": a participle continues the clause it
  // follows, so the subject of the last clause opened after a comma comes first.
  if (toks[v]!.lower.endsWith('ing') && rules.on('participle.clause-subject')) {
    for (let j = v - 2; j > start; j--) {
      if (toks[j - 1]!.text !== ',' || !CLAUSE_OPENERS.has(toks[j]!.lower)) continue;
      const local = firstSubject(ctx, d, j + 1, v);
      if (local) return fired('participle.clause-subject', local);
      break;
    }
  }
  if (toks[v]!.lower.endsWith('ing') && rules.on('participle.described-opening')) {
    const described = describedOpening(ctx, d, v);
    if (described) return fired('participle.described-opening', described);
  }
  const subject = firstSubject(ctx, d, start, v);
  if (subject) return subject;
  // "In an interview Thursday, the Wisconsin Republican criticized … and said …": the nominal
  // subject right after the introductory phrase.
  for (let k = start; k < v && k < start + 12 && rules.on('head.intro-nominal'); k++) {
    if (toks[k]!.text !== ',') continue;
    const a = k + 1;
    for (let e = a + 1; e <= v && e - a <= 5; e++) {
      const h = toks[e - 1]!;
      if (!h.word) break;
      if (NOMINAL_HEADS.get(h.lower) === 'person' || NOMINAL_HEADS.get(h.lower) === 'organization') {
        if (!DETERMINERS.has(toks[a]!.lower)) break;
        return fired('head.intro-nominal', resolveNp(ctx, d, { a, b: e }));
      }
    }
    break;
  }
  return null;
}

/**
 * "Small groups of marchers continued to press for …, while chanting, “…”", "In March, several
 * farm groups granted Mr. Pryce a delay …, saying …": a reporting participle
 * continues a sentence opened (after any introductory phrase) by a described group or person and
 * its past-tense verb, even when a name follows as the verb's object.
 */
function describedOpening(ctx: Ctx, d: Discourse, v: number): Resolved | null {
  const { toks } = ctx;
  if (!SAYING_OR_CHANTING.has(toks[v]!.lower)) return null;
  const s0 = ctx.sentStart[ctx.sentOf[v]!]!;
  let a = s0;
  for (let j = s0; j < v && j < s0 + 8; j++) {
    if (toks[j]!.text === ',') {
      a = j + 1;
      break;
    }
  }
  if (ctx.mentionOf[a] !== -1) return null;
  for (let e = a + 1; e < v && e - a <= 5; e++) {
    const t = toks[e]!;
    if (!t.word || ctx.quoteOf[e] !== -1 || ctx.mentionOf[e] !== -1) return null;
    if (t.cap || !(/^[a-z]{3,}ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower))) continue;
    const head = toks[e - 1]!.lower;
    if (!head.endsWith('s') && NOMINAL_HEADS.get(head) !== 'person') return null;
    return resolveOrDescribe(ctx, d, { a, b: e });
  }
  return null;
}

const SAYING_OR_CHANTING = new Set([...SAYING, 'chanting', 'shouting', 'yelling', 'singing']);

/**
 * Cue closing the sentence a partial quotation sits in: `"…" of the plan, Mr. Holtz-Eakin said.`,
 * `A cashier who "steals …" is held accountable, Warren said.`
 */
export function sentenceEndCue(ctx: Ctx, d: Discourse, q: MarkedQuote, firstAfter: number): CueHit | null {
  const { toks } = ctx;
  const para = q.lastParagraph;
  // Clauses set off by commas after the quotation, up to the end of its sentence or the next
  // quotation (a clause running into a quotation introduces that one, not this).
  const commas: number[] = [];
  let e = firstAfter;
  while (e < toks.length && e - firstAfter < 40 && toks[e]!.para === para && !isSentenceEnd(ctx, e)) {
    if (ctx.quoteOf[e] !== -1) break;
    if (toks[e]!.text === ',') commas.push(e);
    e++;
  }
  // A sentence running on past the window, or into a quotation, leaves its last clause open.
  const closed = e - firstAfter < 40 && !(e < toks.length && ctx.quoteOf[e] !== -1);
  for (let n = 0; n < commas.length; n++) {
    const i = commas[n]! + 1;
    const segEnd = n + 1 < commas.length ? commas[n + 1]! : e;
    if (segEnd === e && !closed) break;
    if (i >= segEnd || (e - commas[n]! > 24 && segEnd - i > 12)) continue;
    const hit = clauseCue(ctx, d, i, segEnd, e);
    if (hit) return hit;
  }
  return null;
}

/** `said X` or `X said` opening the clause [i, segEnd) of a sentence ending at `e`. */
function clauseCue(ctx: Ctx, d: Discourse, i: number, segEnd: number, e: number): CueHit | null {
  const { toks } = ctx;
  if (toks[i]!.lower === 'according' && toks[i + 1]?.lower === 'to') {
    const np = npAfter(ctx, i + 2, segEnd);
    const sp = np ? resolveNp(ctx, d, np) : null;
    return sp ? { cue: span(ctx, i, i + 2), speaker: sp } : null;
  }
  if (isCueVerb(ctx, d.rules, i)) {
    const np = npAfter(ctx, i + 1, segEnd);
    const sp = np ? resolveNp(ctx, d, np) : null;
    return sp && np && segEnd - np.b <= 6 ? { cue: span(ctx, i, i + 1), speaker: sp } : null;
  }
  for (let v = i + 1; v < e; v++) {
    if (!isCueVerb(ctx, d.rules, v)) continue;
    if (v - i > 7 && v >= segEnd) return null;
    let b = v;
    while (b > i && isAdverb(toks[b - 1]!)) b--;
    const np = npBefore(ctx, b, i, d.rules);
    if (!np || np.a !== i) return null;
    const sp = resolveNp(ctx, d, np);
    return sp ? { cue: span(ctx, v, v + 1), speaker: sp } : null;
  }
  return null;
}

/**
 * Adverbs and auxiliaries between a subject and its speech verb ("also", "has", "forcefully"):
 * listed, or a lowercase "-ly" word (a capitalised one is a name: Schlafly, Kelly).
 */
/** A word of a time phrase between a subject and its verb ("who in 2010 said"). */
function isTimeWord(t: { readonly lower: string }): boolean {
  return TIME_WORDS.has(t.lower) || /^(1[89]|20)\d\d$/.test(t.lower);
}

export function isAdverb(t: { readonly lower: string; readonly cap: boolean }): boolean {
  const { lower } = t;
  return CUE_ADVERBS.has(lower) || (!t.cap && lower.length > 4 && lower.endsWith('ly') && lower !== 'only');
}

/**
 * The subject before a restrictive relative clause ending at token b ("An aide who asked not to
 * be named because talks were private said"): the phrase before "who"/"that", when no
 * comma or quotation stands between.
 */
function relativeSubject(ctx: Ctx, d: Discourse, b: number, start: number): Resolved | null {
  const { toks } = ctx;
  for (let k = b - 2; k > start && b - k <= 12; k--) {
    const t = toks[k]!;
    if (!t.word || ctx.quoteOf[k] !== -1) return null;
    if (t.lower !== 'who' && t.lower !== 'that') continue;
    const np = npBefore(ctx, k, start, d.rules);
    if (!np || np.b !== k) return null;
    return resolveOrDescribe(ctx, d, np);
  }
  return null;
}

/** Words that may stand between a possessor and a speech noun ("most explosive", "repeated"). */
const ADJECTIVE_LIKE = /^(most|more|latest|earlier|first|repeated|[a-z]{3,}(al|ic|ous|ive|ful|ed|est))$/;

/**
 * `Paul Dalton’s claim that there have been “hundreds of break-ins”`, `Contrary to his claim that
 * voters would “gain nothing”`: a possessor of a speech noun shortly before the quotation, in its
 * sentence, credits it (the mention is the possessor).
 */
export function possessiveCue(ctx: Ctx, d: Discourse, open: number): CueHit | null {
  const { toks } = ctx;
  const s0 = ctx.sentStart[ctx.sentOf[open]!]!;
  for (let n = open - 1; n > s0 && open - n <= 14; n--) {
    if (ctx.quoteOf[n] !== -1 || /^[,;:.!?]$/.test(toks[n]!.text)) return null;
    if (!SPEECH_NOUNS.has(toks[n]!.lower)) continue;
    // What the claim says follows it ("claim that …", "remarks about …"); "Trump’s statement was
    // “true”" judges the claim instead.
    const next = toks[n + 1]!;
    const copula = /^(is|was)$/.test(next.lower) && toks[n + 2]?.lower === 'that'; // "claim is that …"
    if (n + 1 !== open && !copula && !/^(that|about|of|on|to|:|—|--)$/.test(next.lower)) return null;
    // "Podliska’s most explosive claim": adjectives between the possessor and the noun.
    let o = n - 1;
    while (o > s0 + 1 && n - o <= 3 && ADJECTIVE_LIKE.test(toks[o]!.lower) && !toks[o]!.cap) o--;
    if (o < n - 1 && !/['’]s$|^(his|her|their)$/.test(toks[o]!.lower)) o = n - 1;
    const p = toks[o]!;
    const kind =
      p.lower === 'their'
        ? 'plural'
        : p.lower === 'his' || p.lower === 'her'
          ? GENDERED_FORMS.get(p.lower)
          : undefined;
    if (kind) {
      const sp = resolvePronoun(ctx, d, o, kind);
      return sp ? { cue: span(ctx, n, n + 1), speaker: sp } : null;
    }
    const mi = ctx.mentionOf[o]!;
    if (mi < 0 || !/['’]s$/.test(p.text)) return null;
    const type = ctx.mentions[mi]!.type;
    if (type !== 'PERSON' && type !== 'ORGANIZATION' && !d.isPersonIndex(mi)) return null;
    let a = o;
    while (a > s0 && ctx.mentionOf[a - 1] === mi) a--;
    const sp = resolveNp(ctx, d, { a, b: o + 1 });
    return sp ? { cue: span(ctx, n, n + 1), speaker: sp } : null;
  }
  return null;
}

/**
 * Last resort for a quotation inside a sentence with no speech verb next to it (`Trump branded
 * the deal “a disaster”`): the sentence's grammatical subject, when it opens the sentence and is a
 * person, an organisation or a personal pronoun.
 */
export function subjectCue(ctx: Ctx, d: Discourse, open: number): CueHit | null {
  const { toks } = ctx;
  if (open <= 0) return null;
  const sent = ctx.sentOf[open]!;
  let k = ctx.sentStart[sent]!;
  // Skip an introductory phrase ending with a comma ("On Tuesday, ...").
  for (let j = k; j < open && j < k + 8; j++) {
    if (toks[j]!.text === ',') {
      k = j + 1;
      break;
    }
  }
  if (k >= open || ctx.quoteOf[k] !== -1) return null;
  const t = toks[k]!;
  if (t.para !== toks[open]!.para) return null;
  const mi = ctx.mentionOf[k]!;
  let e = k + 1;
  if (mi >= 0) {
    const m = ctx.mentions[mi]!;
    if (m.type !== 'PERSON' && m.type !== 'ORGANIZATION' && !d.isPersonIndex(mi)) return null;
    while (e < open && ctx.mentionOf[e] === mi) e++;
  } else if (!(t.lower === 'he' || t.lower === 'she' || /^(he|she)'s$/.test(t.lower))) {
    return null;
  }
  // The subject must be followed by its verb, not by a possessive or a noun.
  const next = toks[e];
  if (!next?.word || next.cap || (t.lower.endsWith("'s") && mi >= 0)) return null;
  const sp = resolveNp(ctx, d, { a: k, b: e });
  return sp ? { cue: null, speaker: sp } : null;
}

/**
 * Wider last resort for a partial quotation (`Speaking to WKZ, Harlan referred to Moreno as “a
 * sharp, tireless worker”`): the first person, organisation or personal pronoun of its
 * sentence that is not the object of a preposition and is followed by a lowercase word (its verb,
 * or the noun it possesses: `Rubio’s claim that Trump is “a con artist”`).
 */
export function clauseSubject(ctx: Ctx, d: Discourse, open: number): CueHit | null {
  const { toks } = ctx;
  if (open <= 0) return null;
  const sent = ctx.sentOf[open]!;
  const s0 = Math.max(ctx.sentStart[sent]!, open - 60);
  if (toks[s0]!.para !== toks[open]!.para) return null;
  let best: Np | null = null;
  for (let k = s0; k < open; k++) {
    if (ctx.quoteOf[k] !== -1) continue;
    const t = toks[k]!;
    const mi = ctx.mentionOf[k]!;
    let e = k + 1;
    if (mi >= 0) {
      while (e < open && ctx.mentionOf[e] === mi) e++;
      const m = ctx.mentions[mi]!;
      const speakerLike = m.type === 'PERSON' || m.type === 'ORGANIZATION' || d.isPersonIndex(mi);
      // The word before the name and its titles ("referred to Mayor Alan Ferris as").
      let p = k - 1;
      while (p >= s0 && toks[p]!.cap && toks[p]!.word && ctx.mentionOf[p] === -1 && p > s0) p--;
      const prev = p >= s0 ? toks[p] : undefined;
      const blocked =
        p >= s0 && prev && (NOT_SUBJECT_AFTER.has(prev.lower) || (!prev.word && prev.text !== ','));
      if (!speakerLike || blocked) {
        k = e - 1;
        continue;
      }
    } else if (!(t.lower === 'he' || t.lower === 'she' || t.lower === 'they' || t.lower === 'who')) {
      continue;
    }
    const next = toks[e];
    if (next?.word && !next.cap) best = { a: k, b: e };
    k = e - 1;
  }
  const sp = best ? resolveNp(ctx, d, best) : null;
  return sp ? { cue: null, speaker: sp } : null;
}
