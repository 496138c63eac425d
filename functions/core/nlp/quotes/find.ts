/**
 * Quote extraction and speaker attribution: the steps composed.
 *   1. marks.ts         quotation marks -> direct quotations
 *   2. context.ts       the Document's word units and sentences, entity mention of each word
 *   3. cues.ts          speech verbs and "according to" before or after each quotation, as named
 *      rules.ts         rules tried in the order of their table (ids, docs, examples)
 *   4. resolve.ts       the cue's noun phrase -> canonical speaker (names, pronouns, nominals)
 *   5. continuation.ts  uncued quotations continue their neighbour's speaker
 *   5b. rank.ts         a learned choice among an uncued quotation's candidate speakers
 *   6. indirect.ts      reported speech: "X said (that) …", "according to X, …"
 */

import { QUOTE_FILTER } from '../../model/quote-filter.ts';
import { SPEAKER_MODEL } from '../../model/speakers.ts';
import type { EntityMention, Quote, Span, Speaker } from '../../types.ts';
import { type Document, documentOf } from '../document.ts';
import { directFeatures, type FilterModel, indirectFeatures, keeps, probability } from './confidence.ts';
import { buildContext, type Ctx, tokenAt } from './context.ts';
import { type Attributed, continueSpeakers } from './continuation.ts';
import {
  isEnglish,
  isMarkup,
  isQuotedTerm,
  isSignText,
  isSubhead,
  isTitle,
  keepUnattributed,
  titleListMembers,
} from './filter.ts';
import { CUE_GUARDS, findIndirect, GUARDED_RULES, type RefusedCue, type Reported } from './indirect.ts';
import {
  type Candidate,
  CUED_MARGIN,
  chooseSpeaker,
  type How,
  type SpeakerModel,
  score,
  speakerCandidates,
  weightOf,
} from './rank.ts';
import { Discourse, type Resolved } from './resolve.ts';
import { CUE_SIEVES, FALLBACK_SIEVES, QuoteSite, runSieves } from './rules.ts';
import { type RuleOptions, RuleSwitches } from './switches.ts';

export interface QuoteOptions extends RuleOptions {
  /** The speaker-choice model (default: the shipped one). */
  readonly model?: SpeakerModel;
  /** The confidence filter (default: the shipped one; null: keep every quotation found). */
  readonly filter?: FilterModel | null;
}

/** A quotation found, with the features its confidence is computed from (before the filter). */
export interface FeaturedQuote {
  readonly quote: Quote;
  readonly features: readonly string[];
}

interface Item extends Attributed {
  cue: Span | null;
  how: How;
  /** The cue sieve that found the speaker, for a cued quotation. */
  sieve: string | null;
  /** The rules' speaker, before the speaker model chose. */
  rule?: Resolved | null;
  /** Ids of the rules that fired for it, in order. */
  rules: string[];
}

function toSpeaker(r: Resolved | null): Speaker | null {
  if (!r) return null;
  const s: { -readonly [K in keyof Speaker]: Speaker[K] } = { name: r.name, mention: r.mention };
  if (r.type) s.type = r.type;
  if (r.role) s.role = r.role;
  return s;
}

/** Quotations with the rules' speakers (steps 1–5), and the document context they came from. */
function attribute(
  input: string | Document,
  entities: readonly EntityMention[],
  options: RuleOptions = {},
): { ctx: Ctx; d: Discourse; items: Item[] } {
  const ctx = buildContext(documentOf(input), entities);
  const d = new Discourse(ctx, new RuleSwitches(options));
  const items: Item[] = [];
  for (const q of ctx.quotes) {
    const site = new QuoteSite(ctx, d, q);
    // The cue sieves in table order (rules.ts): a pronoun or name with a verb right before the
    // quotation first, then the cue after it, then the rest of the sentence before it, then the
    // end of the sentence, then a possessor's claim.
    const hit = runSieves(CUE_SIEVES, ctx, d, site);
    if (hit?.speaker) d.lastSpeakers.push({ name: hit.speaker.name, tok: site.open, type: hit.speaker.type });
    items.push({
      start: q.start,
      end: q.end,
      paragraph: q.paragraph,
      lastParagraph: q.lastParagraph,
      speaker: hit?.speaker ?? null,
      cue: hit?.cue ?? null,
      continued: false,
      how: hit?.speaker ? 'cue' : 'none',
      sieve: hit?.speaker ? hit.rule : null,
      rules: d.rules.take(),
    });
  }
  continueSpeakers(ctx, items, d.rules);
  for (const [i, it] of items.entries()) {
    if (it.continued) it.how = 'continued';
    if (it.speaker) continue;
    const hit = runSieves(FALLBACK_SIEVES, ctx, d, new QuoteSite(ctx, d, ctx.quotes[i]!));
    if (hit) {
      it.speaker = hit.speaker;
      it.how = 'subject';
    }
    it.rules.push(...d.rules.take());
  }
  return { ctx, d, items };
}

/** Every quotation's speaker candidates, cued or not: what the speaker-choice model learns from. */
export function quoteCandidates(
  input: string | Document,
  entities: readonly EntityMention[],
  options: RuleOptions = {},
): { start: number; end: number; cued: boolean; candidates: Candidate[] }[] {
  const { ctx, d, items } = attribute(input, entities, options);
  return items.map((it, i) => ({
    start: it.start,
    end: it.end,
    cued: it.how === 'cue',
    candidates: speakerCandidates(ctx, d, items, i),
  }));
}

/** A speaker candidate the model scored, as the trace shows it. */
export interface ScoredCandidate {
  /** null: nobody. */
  readonly name: string | null;
  readonly mention: Span | null;
  readonly score: number;
  readonly features: readonly string[];
  /** The features with a weight, largest contribution (either sign) first. */
  readonly weights: readonly (readonly [string, number])[];
  /** The rules' pick of a cued quotation (it wins ties). */
  readonly rule: boolean;
}

/** Why one direct quotation got its speaker. */
export interface QuoteTrace {
  readonly start: number;
  readonly end: number;
  /** How the rules reached the speaker: a cue, a neighbour's speaker, a sentence subject, none. */
  readonly how: How;
  /** Ids of the rules (rules.ts) that fired for it, in order. */
  readonly rules: readonly string[];
  /** Dropped as a title, markup, subhead or quoted term, or kept out for want of a speaker. */
  readonly dropped: 'language' | 'title' | 'markup' | 'subhead' | 'term' | 'unattributed' | 'unlikely' | null;
  /** The model's candidates, best first ("rule" marks the rules' pick of a cued quotation). */
  readonly candidates: readonly ScoredCandidate[];
  /** Why the speaker won, in words. */
  readonly why: string;
}

/** A guard's verdict on a reported clause's cue. */
export interface GuardCheck {
  readonly id: string;
  /** passed: it let the cue through; fired: it refused the cue; off: switched off. */
  readonly outcome: 'passed' | 'fired' | 'off';
}

/** Why one reported (indirect) quotation was read, and credited, as it was. */
export interface ReportedTrace {
  /** The reported clause (the content); for a refused cue, the cue. */
  readonly start: number;
  readonly end: number;
  /** The rule that produced it (INDIRECT_RULES); null for a cue a guard refused. */
  readonly rule: string | null;
  readonly cue: Span | null;
  /** The content span; null for a refused cue. */
  readonly content: Span | null;
  /** The guards checked on the cue and the modifiers applied, in order. */
  readonly guards: readonly GuardCheck[];
  /** The rule's speaker (null: nobody) and how the rule reached it. */
  readonly speaker: string | null;
  readonly via: string;
  /** The confidence filter's probability and threshold (null when no filter ran). */
  readonly confidence: { readonly probability: number; readonly threshold: number } | null;
  /** guard: a guard refused the cue; filter: the confidence filter dropped it. */
  readonly dropped: 'guard' | 'filter' | null;
  /**
   * The speaker model's scores of the candidates around the clause, best first ("rule" marks the
   * rule's pick). A reported clause keeps its rule's speaker: the scores are shown for comparison.
   */
  readonly candidates: readonly ScoredCandidate[];
  readonly why: string;
}

function reportedTrace(
  ctx: Ctx,
  d: Discourse,
  model: SpeakerModel,
  filter: FilterModel | null,
  r: Reported,
  features: readonly string[],
  kept: boolean,
): ReportedTrace {
  const guards: GuardCheck[] = [];
  if (GUARDED_RULES.has(r.rule))
    for (const id of CUE_GUARDS) guards.push({ id, outcome: d.rules.on(id) ? 'passed' : 'off' });
  if (r.trimmedFrom !== undefined) guards.push({ id: 'indirect.trim-attribution', outcome: 'fired' });
  else
    guards.push({
      id: 'indirect.trim-attribution',
      outcome: d.rules.on('indirect.trim-attribution') ? 'passed' : 'off',
    });
  const item = {
    start: r.start,
    end: r.end,
    speaker: r.speaker,
    how: (r.speaker ? 'cue' : 'none') as How,
    sieve: r.rule,
    rules: [r.rule],
  };
  const candidates = sortedScores(model, speakerCandidates(ctx, d, [item], 0));
  const confidence = filter
    ? { probability: probability(filter, features), threshold: filter.thresholds.indirect }
    : null;
  const who = r.speaker ? r.speaker.name : 'nobody';
  const cue = r.cue ? ` at the cue "${r.cue.text}"` : '';
  const trimmed =
    r.trimmedFrom !== undefined ? '; indirect.trim-attribution cut its own trailing attribution off' : '';
  const verdict = !confidence
    ? 'no confidence filter ran'
    : kept
      ? `kept: the confidence filter gives it ${confidence.probability.toFixed(3)}, at or above ${confidence.threshold}`
      : `not kept: the confidence filter gives it ${confidence.probability.toFixed(3)}, below ${confidence.threshold}`;
  return {
    start: r.start,
    end: r.end,
    rule: r.rule,
    cue: r.cue,
    content: { text: ctx.text.slice(r.start, r.end), start: r.start, end: r.end },
    guards,
    speaker: r.speaker?.name ?? null,
    via: r.via,
    confidence,
    dropped: kept ? null : 'filter',
    candidates,
    why: `${r.rule} read the clause${cue}${trimmed}; the speaker is ${who}: ${r.via} (the rule's pick stands for reported speech); ${verdict}`,
  };
}

function refusedTrace(ctx: Ctx, c: RefusedCue): ReportedTrace {
  const guards: GuardCheck[] = [];
  for (const id of CUE_GUARDS) {
    if (id === c.guard) {
      guards.push({ id, outcome: 'fired' });
      break;
    }
    guards.push({ id, outcome: 'passed' });
  }
  return {
    start: c.cue.start,
    end: c.cue.end,
    rule: null,
    cue: c.cue,
    content: null,
    guards,
    speaker: null,
    via: '',
    confidence: null,
    dropped: 'guard',
    candidates: [],
    why: `no reported clause: the guard ${c.guard} refused the cue "${ctx.text.slice(c.cue.start, c.cue.end)}"`,
  };
}

function sortedScores(model: SpeakerModel, cands: readonly Candidate[]): ScoredCandidate[] {
  const out = cands.map((c) => ({
    name: c.speaker?.name ?? null,
    mention: c.speaker?.mention ?? null,
    score: score(model, c),
    rule: c.rule === true,
    features: c.features,
    weights: c.features
      .map((f): [string, number] => [f, weightOf(model, f)])
      .filter(([, w]) => w !== 0)
      .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || x[0].localeCompare(y[0])),
  }));
  return out.sort((a, b) => b.score - a.score);
}

/** The key that pairs a quotation's trace with the quotation: its span. */
export function spanKey(s: { readonly start: number; readonly end: number }): string {
  return `${s.start}:${s.end}`;
}

/** The first `n` weighted features as `feature +w, feature -w`. */
export function formatWeights(weights: ScoredCandidate['weights'], n: number): string {
  return weights
    .slice(0, n)
    .map(([f, w]) => `${f} ${w > 0 ? '+' : ''}${w}`)
    .join(', ');
}

function reason(it: Item, dropped: QuoteTrace['dropped'], cands: readonly ScoredCandidate[]): string {
  if (dropped === 'title' || dropped === 'markup' || dropped === 'subhead')
    return `not a quotation: read as a ${dropped}`;
  if (dropped === 'term') return 'not a quotation: a quoted term, title or modifier that nobody speaks';
  if (dropped === 'language') return 'not read: the text is not English (filter.not-english)';
  const fired = it.rules.length ? it.rules[it.rules.length - 1] : undefined;
  const top = cands[0];
  const second = cands[1];
  if (!top) return 'no candidates';
  const margin = second ? ` (next: ${second.name ?? 'nobody'} ${second.score.toFixed(3)})` : '';
  const lead = formatWeights(top.weights, 3);
  const who = top.name === null ? 'nobody' : top.name;
  if (it.how === 'cue') {
    const found = `the cue rule ${it.sieve ?? '?'} found "${it.rule?.mention.text ?? '?'}" (${it.rule?.name ?? '?'})${it.cue ? ` with the cue "${it.cue.text}"` : ''}`;
    const pick = cands.find((c) => c.rule);
    const other = cands.find((c) => !c.rule);
    if (!pick) return found;
    const vs = other ? `${other.name} ${other.score.toFixed(3)}` : 'no other candidate';
    const verdict =
      other && other.score > pick.score + CUED_MARGIN
        ? `the speaker model prefers ${other.name} at ${other.score.toFixed(3)}, more than ${CUED_MARGIN} above the rules' pick (${pick.score.toFixed(3)}), mostly from ${formatWeights(other.weights, 3)}`
        : `the rules' pick stands: the speaker model scores it ${pick.score.toFixed(3)} (next: ${vs}; another candidate needs a lead of ${CUED_MARGIN})${pick.weights.length ? `, mostly from ${formatWeights(pick.weights, 3)}` : ''}`;
    return `${found}; ${verdict}`;
  }
  const rule =
    it.how === 'none'
      ? 'no rule found a speaker'
      : `the rules proposed one (${it.how}${fired ? `, ${fired}` : ''})`;
  return `no cue; ${rule}; the speaker model scored ${who} highest at ${top.score.toFixed(3)}${margin}${lead ? `, mostly from ${lead}` : ''}${dropped === 'unattributed' ? '; a quotation with no speaker is kept only when it reads as speech' : ''}`;
}

function run(
  input: string | Document,
  entities: readonly EntityMention[],
  options: QuoteOptions,
): { featured: FeaturedQuote[]; quotes: Quote[]; traces: QuoteTrace[]; reported: ReportedTrace[] } {
  const { ctx, d, items } = attribute(input, entities, options);
  const text = ctx.text;
  const model = options.model ?? SPEAKER_MODEL;
  const tracing = options.trace === true;
  // Step 5b: the learned choice among an uncued quotation's candidates. Candidates are computed
  // from the rules' picks before any is replaced, so the order of quotations does not matter.
  const lists = d.rules.on('filter.title-list') ? titleListMembers(ctx) : new Set<number>();
  for (const i of lists) items[i]?.rules.push('filter.title-list');
  const foreign = d.rules.on('filter.not-english') && !isEnglish(ctx);
  if (foreign) for (const it of items) it.rules.push('filter.not-english');
  const signs = d.rules.on('filter.sign-text');
  const dropped = items.map((it, i): QuoteTrace['dropped'] =>
    foreign
      ? 'language'
      : isTitle(ctx, it.start, it.end) || lists.has(i)
        ? 'title'
        : isMarkup(ctx, it.start, it.end)
          ? 'markup'
          : isSubhead(ctx, ctx.quotes[i]!)
            ? 'subhead'
            : isQuotedTerm(ctx, it.start, it.end, it.cue)
              ? 'term'
              : signs && isSignText(ctx, it.start)
                ? 'term'
                : null,
  );
  items.forEach((it, i) => {
    if (dropped[i] === 'term' && signs && isSignText(ctx, it.start)) it.rules.push('filter.sign-text');
  });
  const scored: ScoredCandidate[][] = items.map(() => []);
  const chosen = items.map((it, i) => {
    if (dropped[i]) return it.speaker;
    const cands = speakerCandidates(ctx, d, items, i);
    if (tracing) scored[i] = sortedScores(model, cands);
    return chooseSpeaker(model, cands).speaker;
  });
  items.forEach((it, i) => {
    it.rule = it.speaker;
    it.speaker = chosen[i]!;
  });
  const filter = options.filter === undefined ? QUOTE_FILTER : options.filter;
  // Quotations per sentence (a run of three quoted names in one sentence is a list of titles).
  const perSentence = new Map<number, number>();
  for (const it of items) {
    const s = sentenceOf(ctx, it.start);
    perSentence.set(s, (perSentence.get(s) ?? 0) + 1);
  }
  const out: FeaturedQuote[] = [];
  const traces: QuoteTrace[] = [];
  for (const [i, it] of items.entries()) {
    let drop = dropped[i]!;
    if (!drop && !it.speaker && !keepUnattributed(ctx, it.start, it.end)) drop = 'unattributed';
    const features = drop
      ? []
      : directFeatures(
          ctx,
          { ...it, single: ctx.quotes[i]!.single },
          perSentence.get(sentenceOf(ctx, it.start)) ?? 1,
        );
    if (!drop && filter && !keeps(filter, 'direct', features)) drop = 'unlikely';
    if (tracing)
      traces.push({
        start: it.start,
        end: it.end,
        how: it.how,
        rules: it.rules,
        dropped: drop,
        candidates: scored[i]!,
        why:
          drop === 'unlikely' && filter
            ? `not kept: the confidence filter gives it ${probability(filter, features).toFixed(3)}, below ${filter.thresholds.direct}`
            : reason(it, drop, scored[i]!),
      });
    if (drop) continue;
    out.push({
      features,
      quote: {
        type: 'direct',
        text: text.slice(it.start, it.end),
        start: it.start,
        end: it.end,
        // A cue belongs to the speaker its rule found: another choice keeps no cue.
        cue: it.how === 'cue' && it.speaker?.name !== it.rule?.name ? null : it.cue,
        speaker: toSpeaker(it.speaker),
        paragraph: it.paragraph,
      },
    });
  }
  const refused: RefusedCue[] | undefined = tracing ? [] : undefined;
  const reported: ReportedTrace[] = [];
  const found = findIndirect(ctx, d, refused);
  const kept: boolean[] = [];
  const allFeatures: (readonly string[])[] = [];
  for (const r of found) {
    const features = indirectFeatures(ctx, r);
    const keep = !filter || keeps(filter, 'indirect', features);
    if (tracing) {
      kept.push(keep);
      allFeatures.push(features);
    }
    if (!keep) continue;
    out.push({
      features,
      quote: {
        type: 'indirect',
        text: text.slice(r.start, r.end),
        start: r.start,
        end: r.end,
        cue: r.cue,
        speaker: toSpeaker(r.speaker),
        paragraph: r.paragraph,
      },
    });
  }
  out.sort((a, b) => a.quote.start - b.quote.start || a.quote.end - b.quote.end);
  // The trace of reported speech is built after every output is fixed: scoring its candidates
  // reads the discourse but changes nothing the output depends on.
  if (tracing) {
    found.forEach((r, i) => {
      reported.push(reportedTrace(ctx, d, model, filter, r, allFeatures[i]!, kept[i]!));
    });
    for (const c of refused ?? []) reported.push(refusedTrace(ctx, c));
    reported.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  return { featured: out, quotes: out.map((f) => f.quote), traces, reported };
}

function sentenceOf(ctx: Ctx, offset: number): number {
  const k = Math.min(tokenAt(ctx, offset) + 1, ctx.toks.length - 1);
  return k < 0 ? 0 : ctx.sentOf[k]!;
}

/**
 * Direct and indirect quotations with their speakers. Pure; linear in the text length. Given the
 * text's Document (the one the entities were recognized on), it reads its tokens and sentences.
 */
export function findQuotes(
  input: string | Document,
  entities: readonly EntityMention[],
  options: QuoteOptions = {},
): Quote[] {
  return run(input, entities, options).quotes;
}

/** The quotations and, for each direct one, the rules that fired and the candidates scored. */
export function explainQuotes(
  input: string | Document,
  entities: readonly EntityMention[],
  options: QuoteOptions = {},
): { quotes: Quote[]; traces: QuoteTrace[]; reported: ReportedTrace[] } {
  const { quotes, traces, reported } = run(input, entities, { ...options, trace: true });
  return { quotes, traces, reported };
}

/**
 * Every quotation found, with the features of its confidence, the filter switched off: what the
 * confidence filter learns from (functions/cli/eval/quote-filter-training.ts).
 */
export function featuredQuotes(
  input: string | Document,
  entities: readonly EntityMention[],
  options: QuoteOptions = {},
): FeaturedQuote[] {
  return run(input, entities, { ...options, filter: null }).featured;
}
