/**
 * Quote extraction and speaker attribution: the steps composed.
 *   1. marks.ts         quotation marks -> direct quotations
 *   2. context.ts       tokens, sentences, entity mention of each token
 *   3. cues.ts          speech verbs and "according to" before or after each quotation
 *   4. resolve.ts       the cue's noun phrase -> canonical speaker (names, pronouns, nominals)
 *   5. continuation.ts  uncued quotations continue their neighbour's speaker
 *   5b. rank.ts         a learned choice among an uncued quotation's candidate speakers
 *   6. indirect.ts      reported speech: "X said (that) …", "according to X, …"
 */

import { SPEAKER_MODEL } from '../../model/speakers.ts';
import type { EntityMention, Quote, Span, Speaker } from '../../types.ts';
import { buildContext, type Ctx, tokenAt } from './context.ts';
import { type Attributed, continueSpeakers } from './continuation.ts';
import {
  clauseSubject,
  headCue,
  headFrame,
  headlineSubject,
  nearCue,
  possessiveCue,
  sentenceEndCue,
  subjectCue,
  tailCue,
} from './cues.ts';
import { isMarkup, isQuotedTerm, isSubhead, isTitle, keepUnattributed } from './filter.ts';
import { findIndirect } from './indirect.ts';
import { type Candidate, chooseSpeaker, type How, speakerCandidates } from './rank.ts';
import { Discourse, type Resolved } from './resolve.ts';

interface Item extends Attributed {
  cue: Span | null;
  how: How;
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
  text: string,
  entities: readonly EntityMention[],
): { ctx: Ctx; d: Discourse; items: Item[] } {
  const ctx = buildContext(text, entities);
  const d = new Discourse(ctx);
  const items: Item[] = [];
  for (const q of ctx.quotes) {
    const open = tokenAt(ctx, q.start);
    const after = tokenAt(ctx, q.end);
    // A pronoun or name with a verb right before the quotation first, then the cue after it, then
    // the rest of the sentence before it, then the end of the sentence, then a possessor's claim.
    const frame = headFrame(ctx, open);
    const hit =
      (frame ? nearCue(ctx, d, frame) : null) ??
      tailCue(ctx, d, q, after) ??
      (frame ? headCue(ctx, d, frame) : null) ??
      sentenceEndCue(ctx, d, q, after) ??
      possessiveCue(ctx, d, open);
    if (hit?.speaker) d.lastSpeakers.push({ name: hit.speaker.name, tok: open, type: hit.speaker.type });
    items.push({
      start: q.start,
      end: q.end,
      paragraph: q.paragraph,
      lastParagraph: q.lastParagraph,
      speaker: hit?.speaker ?? null,
      cue: hit?.cue ?? null,
      continued: false,
      how: hit?.speaker ? 'cue' : 'none',
    });
  }
  continueSpeakers(ctx, items);
  for (const it of items) {
    if (it.continued) it.how = 'continued';
    if (it.speaker) continue;
    const open = tokenAt(ctx, it.start);
    const hit =
      subjectCue(ctx, d, open) ?? headlineSubject(ctx, d, it.paragraph) ?? clauseSubject(ctx, d, open);
    if (hit) {
      it.speaker = hit.speaker;
      it.how = 'subject';
    }
  }
  return { ctx, d, items };
}

/** Every uncued quotation's speaker candidates: what scripts/train-speakers.ts learns from. */
export function uncuedCandidates(
  text: string,
  entities: readonly EntityMention[],
): { start: number; end: number; candidates: Candidate[] }[] {
  const { ctx, d, items } = attribute(text, entities);
  const out: { start: number; end: number; candidates: Candidate[] }[] = [];
  items.forEach((it, i) => {
    if (it.how === 'cue') return;
    out.push({ start: it.start, end: it.end, candidates: speakerCandidates(ctx, d, items, i) });
  });
  return out;
}

/** Direct and indirect quotations with their speakers. Pure; linear in the text length. */
export function findQuotes(text: string, entities: readonly EntityMention[]): Quote[] {
  const { ctx, d, items } = attribute(text, entities);
  // Step 5b: the learned choice among an uncued quotation's candidates. Candidates are computed
  // from the rules' picks before any is replaced, so the order of quotations does not matter.
  const dropped = items.map(
    (it, i) =>
      isTitle(ctx, it.start, it.end) ||
      isMarkup(ctx, it.start, it.end) ||
      isSubhead(ctx, ctx.quotes[i]!) ||
      isQuotedTerm(ctx, it.start, it.end, it.cue),
  );
  const chosen = items.map((it, i) =>
    it.how === 'cue' || dropped[i]
      ? it.speaker
      : chooseSpeaker(SPEAKER_MODEL, speakerCandidates(ctx, d, items, i)).speaker,
  );
  items.forEach((it, i) => {
    it.speaker = chosen[i]!;
  });
  const out: Quote[] = [];
  for (const [i, it] of items.entries()) {
    if (dropped[i]) continue;
    if (!it.speaker && !keepUnattributed(ctx, it.start, it.end)) continue;
    out.push({
      type: 'direct',
      text: text.slice(it.start, it.end),
      start: it.start,
      end: it.end,
      cue: it.cue,
      speaker: toSpeaker(it.speaker),
      paragraph: it.paragraph,
    });
  }
  for (const r of findIndirect(ctx, d)) {
    out.push({
      type: 'indirect',
      text: text.slice(r.start, r.end),
      start: r.start,
      end: r.end,
      cue: r.cue,
      speaker: toSpeaker(r.speaker),
      paragraph: r.paragraph,
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
