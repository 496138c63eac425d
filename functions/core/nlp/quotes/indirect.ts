/**
 * Step 6: reported (indirect) speech, sentence by sentence outside quotation marks:
 *   `X said (that) CONTENT.`  `X told reporters CONTENT.`  `CONTENT, X said.`  `CONTENT, said X.`
 *   `According to X, CONTENT.`  `CONTENT, according to X.`
 * The content is the reported clause; the speaker is resolved like a direct quotation's.
 * A clause holding a quotation mark is left to the direct quotations.
 */

import { DETERMINERS } from '../../lexicon/nominal-roles.ts';
import { REPORTING_VERBS, SPEECH_VERBS, STANCE_VERBS, TIME_WORDS } from '../../lexicon/speech-verbs.ts';
import type { Span } from '../../types.ts';
import { type Ctx, isCapitalsLabel, labelColon } from './context.ts';
import { firstSubject, isAdverb } from './cues.ts';
import { type CueSite, describeNp, hasQuote, make, NEW_SUBJECT, span } from './indirect-parts.ts';
import {
  CUE_GUARD_RULES,
  CUE_SIEVE_RULES,
  MIN_WORDS,
  MODIFIER_RULES,
  SENTENCE_SIEVE_RULES,
  wordsIn,
} from './indirect-rules.ts';
import { type Discourse, describe, npAfter, npBefore, type Resolved, resolveNp } from './resolve.ts';
import type { RuleSwitches } from './switches.ts';

export interface Reported {
  readonly start: number;
  readonly end: number;
  readonly paragraph: number;
  readonly cue: Span | null;
  readonly speaker: Resolved | null;
  /** The id of the rule that found it (INDIRECT_RULES). */
  readonly rule: string;
  /** How the rule reached the speaker, in words (the trace's "why"). */
  readonly via: string;
  /** The content's end before indirect.trim-attribution cut its own attribution off, when it did. */
  readonly trimmedFrom?: number;
}

/** A cue a guard refused: no reported clause was read from it. */
export interface RefusedCue {
  readonly cue: Span;
  /** The guard's id (INDIRECT_RULES). */
  readonly guard: string;
}

/** The reported-speech rules whose cue verb the guards (refusedCue) check before they run. */
export const GUARDED_RULES: ReadonlySet<string> = new Set([
  'indirect.trailing',
  'indirect.set-off',
  'indirect.own-attribution',
  'indirect.clause',
  'indirect.topic',
]);

/** The guards refusedCue applies, in order (INDIRECT_RULES). */
export const CUE_GUARDS: readonly string[] = CUE_GUARD_RULES.map((r) => r.id);

const INFINITIVE = new Set(
  'want wants wanted wanting plan plans planned planning hope hopes hoped hoping vow vows vowed vowing pledge pledges pledged pledging promise promises promised promising threaten threatens threatened threatening urge urges urged expect expects expected agree agrees agreed refuse refuses refused decline declines declined seek seeks sought seeking decide decides decided deciding'.split(
    ' ',
  ),
);

/** Verbs that report a stance only with an infinitive ("decided to run"): cues before "to" alone. */
const TO_ONLY = new Set(['decide', 'decides', 'decided', 'deciding']);
const ADJUNCT_PREPS = new Set(['in', 'at', 'on', 'during', 'while', 'after', 'before', 'via', 'through']);
const PREP_OBJECT = new Set(['about', 'for', 'of', 'on', 'over', 'against']);

/**
 * Forms far more often nouns in news ("the state", "in all five states", "the votes", "a
 * challenge") or rarely reporting anything without a quotation ("raise money", "reads the
 * news"): never cues here.
 */
const NOUN_FIRST = new Set(['state', 'states', 'votes', 'challenge', 'raise', 'read', 'reads', 'reading']);

/** Every verb form that can report speech or stance, in one set (one lookup per token). */
const INDIRECT_VERBS: ReadonlySet<string> = new Set(
  [...REPORTING_VERBS, ...SPEECH_VERBS, ...STANCE_VERBS, ...TO_ONLY].filter((w) => !NOUN_FIRST.has(w)),
);

/** Per document, one pass: which tokens are verb forms (1) and topic prepositions after their head (2). */
const marks = new WeakMap<Ctx, Uint8Array>();

function tokenMarks(ctx: Ctx): Uint8Array {
  let m = marks.get(ctx);
  if (m) return m;
  const { toks } = ctx;
  m = new Uint8Array(toks.length);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    // Reported speech is never read inside a quotation.
    if (!t.word || ctx.quoteOf[k] !== -1) continue;
    if (INDIRECT_VERBS.has(t.lower)) m[k] = 1;
    else if (t.lower === 'clear' && makeBefore(ctx, k) >= 0) m[k] = 1;
    else if (
      k > 0 &&
      TOPIC_FIRST.has(t.lower.charCodeAt(0)) &&
      TOPIC_HEADS.get(t.lower)?.has(toks[k - 1]!.lower)
    )
      m[k] = 2;
  }
  marks.set(ctx, m);
  return m;
}

/** Conjunctions opening a fronted subordinate clause. */
const FRONTED = new Set([
  'when',
  'after',
  'before',
  'once',
  'while',
  'because',
  'although',
  'though',
  'since',
  'if',
  'until',
  'unless',
  'whenever',
]);

const MAKE = new Set(['make', 'makes', 'made', 'making']);

/** "made clear", "made it clear": the token of the make-form before "clear" at k, -1 when none. */
function makeBefore(ctx: Ctx, k: number): number {
  const p = ctx.toks[k - 1];
  if (p && MAKE.has(p.lower)) return k - 1;
  const q = ctx.toks[k - 2];
  return p?.lower === 'it' && q && MAKE.has(q.lower) ? k - 2 : -1;
}

/** Particles of phrasal reporting verbs: "pointed out", "laid out", "called out". */
const PARTICLE_OUT = new Set([
  'point',
  'points',
  'pointed',
  'pointing',
  'lay',
  'lays',
  'laid',
  'laying',
  'call',
  'calls',
  'called',
  'calling',
]);

/** A verb form that reports speech or stance (never inside a quotation; see tokenMarks). */
function isReportingVerb(ctx: Ctx, i: number): boolean {
  if (tokenMarks(ctx)[i] !== 1) return false;
  const t = ctx.toks[i]!;
  if (
    t.cap &&
    (i === 0 || ctx.sentOf[i - 1] !== ctx.sentOf[i] || !ctx.toks[i - 1]!.cap || ctx.mentionOf[i] !== -1)
  )
    return false;
  const prev = ctx.toks[i - 1];
  // "the claims", "Trump's support": nouns. A past form after "that" is a relative clause's verb
  // ("an outfit that endorsed Sanders").
  if (prev?.lower === 'that' && t.lower.endsWith('ed')) return true;
  if (prev && (DETERMINERS.has(prev.lower) || prev.lower.endsWith("'s"))) return false;
  return true;
}

const CLAUSE_TAIL = new Set([
  'and',
  'but',
  'adding',
  'saying',
  'noting',
  'writing',
  'explaining',
  'calling',
  'as',
  'that',
  'while',
]);

function isMarkTok(t: string): boolean {
  return t === '"' || t === '“' || t === '”' || t === "''" || t === '``';
}

/** Trims trailing sentence punctuation from the token range [a, b). */
function trimEnd(ctx: Ctx, a: number, b: number): number {
  while (b > a && !ctx.toks[b - 1]!.word && ctx.toks[b - 1]!.text !== ')') b--;
  return b;
}

/**
 * The reported clauses of the document. `refused`, when given, collects the cues a guard refused
 * (for the trace).
 */
export function findIndirect(ctx: Ctx, d: Discourse, refused?: RefusedCue[]): Reported[] {
  const rules = d.rules;
  const out: Reported[] = [];
  const { toks } = ctx;
  const nSent = ctx.sentStart.length - 1;
  const marked = tokenMarks(ctx);
  for (let s = 0; s < nSent; s++) {
    const s0 = ctx.sentStart[s]!;
    const s1 = ctx.sentStart[s + 1]!;
    if (s1 - s0 < 4 || s1 - s0 > 400) continue;
    const end = trimEnd(ctx, s0, s1);
    // Sentence sieves (INDIRECT_RULES, in table order): the first that reports the sentence ends it.
    let used = false;
    for (const sieve of SENTENCE_SIEVE_RULES) {
      if (!rules.on(sieve.id)) continue;
      const r = sieve.sentence(ctx, d, s0, end);
      if (!r) continue;
      out.push(r);
      used = true;
      break;
    }
    if (used) continue;
    const before = out.length;
    // A fronted subordinate clause ("When the moderator pressed him, …") runs to the first comma:
    // the last token inside it, -1 when the sentence opens with none.
    let fronted = -1;
    if (FRONTED.has(toks[s0]!.lower)) {
      fronted = s0;
      while (fronted + 1 < end && toks[fronted + 1]!.text !== ',') fronted++;
    }
    // "Asked whether …, X said": the question opening the sentence is reported on its own and is
    // not the content of the later verb.
    const askAt =
      toks[s0]!.lower === 'asked'
        ? s0
        : /^(when|if|once)$/.test(toks[s0]!.lower) && toks[s0 + 1]?.lower === 'asked'
          ? s0 + 1
          : -1;
    const asked = askAt >= 0 ? askedQuestion(ctx, d, askAt, end) : null;
    if (asked) out.push(asked);
    const found = rules.on('indirect.document') ? inDocument(ctx, s0, end) : null;
    if (found) {
      out.push(found);
      continue;
    }
    for (let v = s0; v < end; v++) {
      if (marked[v] !== 1 || !isReportingVerb(ctx, v)) continue;
      const g = refusedCue(ctx, rules, v);
      if (g) {
        rules.fire(g);
        refused?.push({ cue: span(ctx, v, v + 1), guard: g });
        continue;
      }
      // "the actress was asked if …": the subject is asked, not asking; the asker follows "by" or
      // is nobody. (A question opening the sentence is reported above.)
      if (ASK.has(toks[v]!.lower) && /^(was|were|been|being|is|are|be)$/.test(toks[v - 1]?.lower ?? '')) {
        const q = v === askAt ? null : askedQuestion(ctx, d, v, end);
        if (q) out.push(q);
        continue;
      }
      // The cue sieves (INDIRECT_RULES, in table order): the first that answers says where the
      // scan goes on (the sentence's end when it is done).
      const at: CueSite = { s0, end, v, fronted, askAt };
      let next = -1;
      for (const sieve of CUE_SIEVE_RULES) {
        const m = sieve.cue(ctx, d, at);
        if (!m) continue;
        out.push(...m.found);
        next = m.next;
        break;
      }
      if (next >= 0) {
        v = next;
        continue;
      }
      // X said (that) CONTENT.  X made (it) clear (that) CONTENT.
      let b = toks[v]!.lower === 'clear' ? makeBefore(ctx, v) : v;
      while (b > s0 && (isAdverb(toks[b - 1]!) || TIME_WORDS.has(toks[b - 1]!.lower))) b--;
      const coordinated = b > s0 && /^(and|but|then)$/.test(toks[b - 1]!.lower);
      let sp = coordinated ? null : subjectOf(ctx, d, b, s0);
      let via = 'the subject right before the verb';
      // "…, saying", "and said", "are more likely to say", "took to Twitter to say": the sentence's subject.
      if (
        !sp &&
        ((toks[v]!.lower.endsWith('ing') && toks[v - 1]?.text === ',') ||
          coordinated ||
          (toks[v - 1]?.lower === 'to' && v - 1 > s0))
      ) {
        sp = firstSubject(ctx, d, s0, v);
        via = "the sentence's first subject (the verb has none of its own)";
        // "The Arizona Republican survived … and says …": the described subject before the first verb.
        if (!sp) {
          let k = s0 + 1;
          while (k < v && k - s0 <= 8 && !isVerbLike(ctx, k)) k++;
          if (k < v && k - s0 <= 8) sp = describedSubject(ctx, s0, k);
          via = 'the phrase opening the sentence, before its first verb, as written';
        }
      }
      // "It said …", "They said …" with nobody in reach: the clause is still reported speech,
      // credited to nobody rather than guessed.
      const unresolved =
        !sp &&
        b - 1 >= s0 &&
        /^(he|she|they|it)$/.test(toks[b - 1]!.lower) &&
        REPORTING_VERBS.has(toks[v]!.lower);
      // "Some advocates for river dredging said", "most of them said": a whole described
      // subject opening the sentence.
      if (!sp && !unresolved && REPORTING_VERBS.has(toks[v]!.lower)) {
        sp = describedSubject(ctx, s0, b);
        via = 'the whole phrase opening the sentence, as written';
      }
      if (unresolved) via = 'a pronoun subject with nobody in reach: credited to nobody';
      if (!sp && !unresolved) {
        const q = v === askAt ? null : askedQuestion(ctx, d, v, end);
        if (q) out.push(q);
        continue;
      }
      let a = v + 1;
      if (toks[a]?.lower === 'out' && PARTICLE_OUT.has(toks[v]!.lower)) a++;
      // "told reporters", "told CNN": skip the hearer.
      if (/^(tell|tells|told)$/.test(toks[v]!.lower)) {
        // A named hearer is just its name ("told Breitbart News he'd support …"); otherwise a noun phrase.
        const mi = ctx.mentionOf[a] ?? -1;
        if (mi >= 0) {
          while (a < end && ctx.mentionOf[a] === mi) a++;
        } else {
          const hearer = npAfter(ctx, a, end);
          if (hearer) a = hearerEnd(ctx, hearer.a, hearer.b);
        }
      }
      // Skip time phrases and "that"; an adjunct ("in an interview with X") must be followed by "that".
      let guard = 0;
      let adjunct = false;
      while (a < end && guard++ < 6) {
        const t = toks[a]!;
        if (ADJUNCT_PREPS.has(t.lower)) {
          adjunct = true;
          break;
        }
        if (
          t.text === ',' ||
          (TIME_WORDS.has(t.lower) && !(t.lower === 'this' || t.lower === 'that' || t.lower === 'last'))
        ) {
          a++;
          continue;
        }
        break;
      }
      if (adjunct) {
        let k = a;
        while (k < end && k - a < 14 && toks[k]!.lower !== 'that') k++;
        if (k >= end || toks[k]!.lower !== 'that') continue;
        a = k;
      }
      if (a >= end || toks[a]!.text === ':' || toks[a]!.text === ',') continue;
      // The clause must look like one: "that", a pronoun, a determiner, a name, a number.
      const first = toks[a]!;
      if (!first.word) continue;
      if (TO_ONLY.has(toks[v]!.lower) && first.lower !== 'to') continue;
      if (first.lower === 'to' && INFINITIVE.has(toks[v]!.lower)) {
        // "wants to triple the program": the infinitive is the content.
      } else if (PREP_OBJECT.has(first.lower) && a + 1 < end) {
        a++;
      } else if (
        /^(to|of|about|on|for|with|by|in|at|from|as|and|but|or|so|nothing|something|according|outside|inside|during|after|before)$/.test(
          first.lower,
        )
      )
        continue;
      // A quotation later in the sentence ends the reported clause before it.
      let cEnd = end;
      for (let k = a; k < end; k++) {
        if (ctx.quoteOf[k] !== -1 || isMarkTok(toks[k]!.text)) {
          cEnd = k;
          break;
        }
      }
      const own = clauseEnd(ctx, a, cEnd);
      if (cEnd < end && own < cEnd) cEnd = own;
      else if (cEnd < end) {
        while (cEnd > a && (!toks[cEnd - 1]!.word || CLAUSE_TAIL.has(toks[cEnd - 1]!.lower))) cEnd--;
        // A partial quotation inside the clause makes it a direct quote: only cut at a clause break.
        if (
          cEnd === a ||
          !/^[,;:—–-]$/.test(ctx.text.slice(toks[cEnd]!.start, toks[cEnd]!.end).trim() || 'x')
        ) {
          const brk = toks[cEnd]?.text;
          if (brk !== ',' && brk !== ';' && brk !== ':' && brk !== '—' && brk !== '--') {
            // "She says voters may not like the plan, but insists X is staging a “…”": the
            // reported clause ends at the last break before the quotation's clause.
            const cut = lastBreak(ctx, a, cEnd);
            if (cut < 0) continue;
            cEnd = cut;
          }
        }
      }
      cEnd = clauseEnd(ctx, a, cEnd);
      // A relative clause ("The guild, which endorsed Harlan in October, met …") and a fronted
      // subordinate clause ("When the host pointed out that …, he moved on") end at their comma.
      if (
        (sp !== null &&
          b - 1 > s0 &&
          sp.mention.start === toks[b - 1]!.start &&
          RELATIVE.test(toks[b - 1]!.lower) &&
          toks[b - 2]!.text === ',') ||
        (fronted >= 0 && v <= fronted)
      ) {
        for (let k = a + 1; k < cEnd; k++) {
          if (toks[k]!.text === ',') {
            cEnd = k;
            break;
          }
        }
      }
      // "raising questions about X": the topic is the content, left to topicOf.
      if (TOPIC_HEADS.get(toks[a + 1]?.lower ?? '')?.has(toks[a]!.lower)) continue;
      // A stance verb's object may be a bare name ("endorsed Clinton", "backed Mr. Sanders").
      const min = STANCE_VERBS.has(toks[v]!.lower) && !SPEECH_VERBS.has(toks[v]!.lower) ? 1 : MIN_WORDS;
      if (wordsIn(ctx, a, cEnd) < min) continue;
      // A lone determiner is no content ("endorsed the").
      if (cEnd - a === 1 && DETERMINERS.has(toks[a]!.lower)) continue;
      out.push(make(ctx, a, cEnd, span(ctx, v, v + 1), sp, 'indirect.clause', via));
      // "X says A and said B": a coordinated second verb shares the subject.
      let k = a;
      while (k + 1 < end && !(toks[k]!.lower === 'and' || toks[k]!.lower === 'but')) k++;
      const v2 = k + 1;
      if (k + 1 < end && isReportingVerb(ctx, v2) && ctx.quoteOf[v2] === -1) {
        const a2 = v2 + 1 < end && toks[v2 + 1]!.lower === 'that' ? v2 + 2 : v2 + 1;
        if (wordsIn(ctx, a2, end) >= MIN_WORDS && !hasQuote(ctx, a2, end)) {
          // Shorten the first clause to end before the coordination.
          out[out.length - 1] = make(ctx, a, k, span(ctx, v, v + 1), sp, 'indirect.clause', via);
          out.push(
            make(ctx, a2, end, span(ctx, v2, v2 + 1), sp, 'indirect.coordinated', `the first verb's: ${via}`),
          );
          break;
        }
      }
      // Another reporting verb after this clause may start an attribution of its own.
      if (cEnd >= end) break;
      v = cEnd;
    }
    if (out.length === before) topicOf(ctx, d, s0, end, out, refused);
  }
  const labelled = rules.on('indirect.labelled') ? labelledParagraphs(ctx, d) : [];
  const all = labelled.length === 0 ? out : [...out, ...labelled].sort((a, b) => a.start - b.start);
  const modifiers = MODIFIER_RULES.filter((m) => rules.on(m.id));
  const kept: Reported[] = [];
  for (const r of all) {
    if (!rules.on(r.rule)) continue;
    rules.fire(r.rule);
    let m = r;
    for (const mod of modifiers) m = mod.modify(ctx, m);
    kept.push(m);
  }
  return kept;
}

/** The id of the first guard (INDIRECT_RULES, in table order) that refuses the cue at v, or null. */
function refusedCue(ctx: Ctx, rules: RuleSwitches, v: number): string | null {
  for (const g of CUE_GUARD_RULES) if (rules.on(g.id) && g.refuses(ctx, v)) return g.id;
  return null;
}

/** Prepositions inside a subject phrase: "The mayor of Boise", "Officials in Boise", "Doctors at X". */
const SUBJECT_PREPS = new Set(['of', 'in', 'at', 'from', 'for', 'with', 'to', 'on']);

/**
 * The head of a subject phrase speaks, not the name after its preposition: "The mayor of Boise
 * said" is the mayor (or the person the head names: "Jane Roe of Acme said" is Jane Roe),
 * "Residents of the valley say" the residents. `np` is the phrase right before the verb.
 */
function headOfSubject(ctx: Ctx, d: Discourse, np: { a: number; b: number }, floor: number): Resolved | null {
  const { toks } = ctx;
  const p = np.a - 1;
  if (p - 1 < floor || !SUBJECT_PREPS.has(toks[p]!.lower)) return null;
  const head = npBefore(ctx, p, floor);
  if (!head || head.b !== p) return null;
  // The head opens the clause: the sentence start, or after punctuation or "and"/"but".
  const before = toks[head.a - 1];
  if (head.a !== floor && before?.word && !/^(and|but)$/.test(before.lower)) return null;
  if ((ctx.mentionOf[head.a] ?? -1) >= 0) return resolveNp(ctx, d, head);
  const last = toks[head.b - 1]!;
  if (!last.word || last.cap || isVerbLike(ctx, head.b - 1)) return null;
  return describe(ctx, { a: head.a, b: np.b });
}

/** A share's numbers, in digits or words: "3 in 10", "three in five". */
const NUM = /^([0-9]+|one|two|three|four|five|six|seven|eight|nine|ten)$/;

/** Words that open the reported clause right after a hearer: "told reporters her group …". */
const CLAUSE_OPENERS = new Set([
  'he',
  'she',
  'they',
  'we',
  'i',
  'it',
  'her',
  'his',
  'their',
  'its',
  'our',
  'my',
]);

/**
 * The end of a hearer after "told": one noun phrase ("told reporters", "told his staff"); a pronoun
 * or a determiner after its first word opens the reported clause ("told reporters her group …",
 * "told his staff the plan …").
 */
function hearerEnd(ctx: Ctx, a: number, b: number): number {
  for (let k = a + 1; k < b; k++) {
    const t = ctx.toks[k]!;
    if (ctx.mentionOf[k] !== -1) continue;
    if (CLAUSE_OPENERS.has(t.lower) || DETERMINERS.has(t.lower)) return k;
  }
  return b;
}

/**
 * A paragraph opening with its source and a colon: the headline `Marsh: No political pressure on
 * the audit` or a transcript turn `GARVEY: Well, I think …` (a name in capitals). The rest of the
 * paragraph is what the source said; a paragraph holding a quotation mark is left to the direct
 * quotes.
 */
function labelledParagraphs(ctx: Ctx, d: Discourse): Reported[] {
  const { toks } = ctx;
  const out: Reported[] = [];
  let k = 0;
  for (let p = 0; p < ctx.paras.length; p++) {
    while (k < toks.length && toks[k]!.para < p) k++;
    const p0 = k;
    if (p0 >= toks.length || toks[p0]!.para !== p) continue;
    const colon = labelColon(ctx, p0);
    if (colon <= p0) continue;
    const label = toks.slice(p0, colon);
    const capitals = isCapitalsLabel(ctx, p0, colon) && label.some((t) => t.word && t.text.length > 1);
    const titled = label.every((t) => !t.word || t.cap || /^(to|at|of|on|in|for|and)$/.test(t.lower));
    if (!capitals && !(p === 0 && titled)) continue;
    // A series slug is no source: "The Latest: 4 river towns count ballots".
    if (!capitals && DETERMINERS.has(label[0]!.lower)) continue;
    let e = colon + 1;
    while (e < toks.length && toks[e]!.para === p) e++;
    const end = trimEnd(ctx, colon + 1, e);
    if (wordsIn(ctx, colon + 1, end) < MIN_WORDS || hasQuote(ctx, colon + 1, end)) continue;
    const sp = resolveNp(ctx, d, { a: p0, b: colon }) ?? {
      name: ctx.text.slice(toks[p0]!.start, toks[colon - 1]!.end),
      mention: span(ctx, p0, colon),
    };
    out.push(
      make(
        ctx,
        colon + 1,
        end,
        span(ctx, colon, colon + 1),
        sp,
        'indirect.labelled',
        'the label before the colon',
      ),
    );
  }
  return out;
}

/**
 * Words whose preposition introduces what a source said or holds: "raised questions about X",
 * "warned of X", "called for X", "railed against X", "agreed with X", "weighed in on X".
 */
const TOPIC_HEADS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    about: `talked talks talk talking spoke speaks speak speaking spoken asked asks ask asking questions
      question concerns concern concerned worried worries misgivings reservations doubts complained
      complains joked jokes bragged brag boasted warned warns comments remarks rhetoric claims debate
      discussion coy vague unknowns illusions skepticism disagreements ideas answer answers wrote writes
      written`,
    of: `warned warns warning spoke speaks critical supportive skeptical sceptical wary dismissive
      accused accusing accuses convinced criticism criticisms endorsement endorsements supporter
      supporters favor favour mention critique`,
    for: `called calls calling pushed pushing advocated advocates advocating argued argues argue voted
      votes praised praising criticized criticizing blamed blaming support praise enthusiasm
      admiration case voting looking`,
    against: `argued argues warned warns warning voted votes railed rails campaigned spoke speaks
      lashed ruled`,
    on: `focused focuses campaigned weighed commented comments insisted insists views stance positions
      position attacks attack attacked attacking focusing called calls calling`,
    to: `opposition respond responded responds responding referring referred refers pointed
      points pointing alluded alluding objected objects attention point`,
    at: `look looks looked looking aimed aiming swipe swipes jabs jab`,
    with: `agreed agrees disagreed disagrees sided sides`,
  }).map(([prep, heads]) => [prep, new Set(heads.trim().split(/\s+/))]),
);

/** First character codes of the topic prepositions. */
const TOPIC_FIRST: ReadonlySet<number> = new Set([...TOPIC_HEADS.keys()].map((k) => k.charCodeAt(0)));

/** `X raised questions about CONTENT`, `X warned of CONTENT`: the topic, credited to X. */
function topicOf(
  ctx: Ctx,
  d: Discourse,
  s0: number,
  end: number,
  out: Reported[],
  refused: RefusedCue[] | undefined,
): void {
  const { toks } = ctx;
  const m = tokenMarks(ctx);
  for (let k = s0 + 2; k + 1 < end; k++) {
    if (m[k] !== 2) continue;
    const g = refusedCue(ctx, d.rules, k - 1);
    if (g) {
      d.rules.fire(g);
      refused?.push({ cue: span(ctx, k - 1, k + 1), guard: g });
      continue;
    }
    const sp = firstSubject(ctx, d, s0, k - 1);
    if (!sp) return;
    let b = k + 1;
    while (b < end && ctx.quoteOf[b] === -1 && !/^[,;:]$/.test(toks[b]!.text)) b++;
    b = clauseEnd(ctx, k + 1, b);
    if (b <= k + 1 || hasQuote(ctx, k + 1, b)) return;
    out.push(
      make(ctx, k + 1, b, span(ctx, k - 1, k + 1), sp, 'indirect.topic', "the sentence's first subject"),
    );
    // Another topic later in the sentence ("… support for X and his attacks on Y").
    k = b;
  }
}

const TRAILING_PARTICIPLES = new Set([
  'adding',
  'saying',
  'noting',
  'telling',
  'arguing',
  'calling',
  'citing',
]);

/**
 * End of a reported clause starting at a, at most b: before a coordinated clause with a subject
 * of its own (`… computers and she accused …`) or a trailing participle (`…, adding …`).
 */
function clauseEnd(ctx: Ctx, a: number, b: number): number {
  const { toks } = ctx;
  for (let k = a + 2; k < b - 1; k++) {
    const t = toks[k]!;
    if (t.text === ',' && TRAILING_PARTICIPLES.has(toks[k + 1]!.lower)) return k;
    // "…, while 8 percent found it a drawback": a contrasting clause of its own.
    if (t.text === ',' && /^(while|whereas|although|though)$/.test(toks[k + 1]!.lower)) return k;
    if (t.lower !== 'and' && t.lower !== 'but') continue;
    // ", and when pressed …, X replied": a coordinated subordinate clause starts a sentence part of its own.
    if (toks[k - 1]!.text === ',' && FRONTED.has(toks[k + 1]!.lower)) return k - 1;
    // ", but for her rivals, it is …": a coordinated clause with its own pronoun subject.
    if (toks[k - 1]!.text === ',') {
      for (let r = k + 1; r < b - 1 && r - k <= 8 && ctx.quoteOf[r] === -1; r++) {
        if (!NEW_SUBJECT.has(toks[r]!.lower) || toks[r - 1]!.text !== ',') continue;
        const verb = toks[r + 1]!;
        if (verb.word && !verb.cap) return k - 1;
      }
    }
    // ", and more than 3 in 10 said …": a second attribution with its own subject.
    if (toks[k - 1]!.text === ',') {
      let r = k + 2;
      while (r < b && r - k <= 8 && toks[r]!.text !== ',' && !isReportingVerb(ctx, r)) r++;
      if (r < b && r - k <= 8 && toks[r]!.text !== ',' && REPORTING_VERBS.has(toks[r]!.lower)) return k - 1;
    }
    const n = toks[k + 1]!;
    const mi = ctx.mentionOf[k + 1]!;
    let e = k + 2;
    if (mi >= 0) {
      const type = ctx.mentions[mi]!.type;
      if (type !== 'PERSON' && type !== 'ORGANIZATION') continue;
      while (e < b && ctx.mentionOf[e] === mi) e++;
    } else if (!NEW_SUBJECT.has(n.lower)) continue;
    const verb = toks[e];
    if (!verb?.word || verb.cap) continue;
    if (!(isReportingVerb(ctx, e) || /^[a-z]+(ed|s)$/.test(verb.lower) || isAdverb(verb))) continue;
    let c = k;
    while (c > a && !toks[c - 1]!.word) c--;
    return c;
  }
  return b;
}

const DOCUMENT_NOUNS = new Set(
  'poll polls survey surveys study studies report reports analysis review audit census tally count filing filings records'.split(
    ' ',
  ),
);

/**
 * "In a Channel Nine/Valley Gazette poll released Tuesday, Harlan leads Moreno by 12 points":
 * a poll, study or report opening the sentence speaks for the rest of it, unless someone in it
 * says so themselves (then the verb's own attribution is the one).
 */
function inDocument(ctx: Ctx, s0: number, end: number): Reported | null {
  const { toks } = ctx;
  if (toks[s0]!.lower !== 'in') return null;
  let c = s0 + 1;
  let noun = -1;
  while (c < end && c - s0 <= 14 && toks[c]!.text !== ',' && ctx.quoteOf[c] === -1) {
    if (DOCUMENT_NOUNS.has(toks[c]!.lower) && noun < 0) noun = c;
    c++;
  }
  if (noun < 0 || toks[c]?.text !== ',') return null;
  const a = c + 1;
  if (wordsIn(ctx, a, end) < MIN_WORDS || hasQuote(ctx, a, end)) return null;
  for (let k = a; k < end; k++)
    if (REPORTING_VERBS.has(toks[k]!.lower) && isReportingVerb(ctx, k)) return null;
  const src = describeNp(ctx, { a: s0 + 1, b: c });
  return make(
    ctx,
    a,
    end,
    span(ctx, s0, s0 + 1),
    src,
    'indirect.document',
    'the poll, study or report named, as written',
  );
}

const ASK = new Set(['ask', 'asks', 'asked', 'asking']);
const WH = new Set(['whether', 'if', 'what', 'who', 'whom', 'why', 'how', 'when', 'where', 'which']);

/**
 * "Asked whether he would run, …", "When asked by Stephanopoulos to respond, …": a question put to
 * someone, with no asker in subject position. The content is the question (to its comma); the
 * speaker is the asker after "by", or nobody.
 */
function askedQuestion(ctx: Ctx, d: Discourse, v: number, end: number): Reported | null {
  const { toks } = ctx;
  if (!ASK.has(toks[v]!.lower)) return null;
  let a = v + 1;
  let sp: Resolved | null = null;
  if (toks[a]?.lower === 'by') {
    const np = npAfter(ctx, a + 1, end);
    if (!np) return null;
    sp = resolveNp(ctx, d, np);
    a = np.b;
  } else if (/^(him|her|them|me|us)$/.test(toks[a]?.lower ?? '')) a++;
  // "Asked about Dalton's charges, Moreno said": the topic is the question.
  const topic = toks[a]?.lower === 'about' && toks[a + 1]?.text !== ',';
  if (topic) a++;
  else if (a >= end || !(WH.has(toks[a]!.lower) || (toks[a]!.lower === 'to' && sp))) return null;
  let b = a + 1;
  while (b < end && toks[b]!.text !== ',' && ctx.quoteOf[b] === -1) b++;
  if (wordsIn(ctx, a, b) < (topic ? 1 : MIN_WORDS) || hasQuote(ctx, a, b)) return null;
  const via = sp ? 'the asker after "by"' : 'no asker in the sentence: nobody';
  return make(ctx, a, b, span(ctx, v, v + 1), sp, 'indirect.asked', via);
}

/**
 * The last clause break in [a + MIN_WORDS, b): a comma, semicolon or dash, or "and"/"but" before a
 * verb ("respects Clinton and calls her"); -1 when there is none.
 */
function lastBreak(ctx: Ctx, a: number, b: number): number {
  const { toks } = ctx;
  for (let k = b - 1; k >= a + MIN_WORDS; k--) {
    const t = toks[k]!.text;
    if (t === ',' || t === ';' || t === '—' || t === '--') return k;
    const l = toks[k]!.lower;
    const next = toks[k + 1];
    if ((l === 'and' || l === 'but') && next?.word && !next.cap && /^[a-z]+(ed|s)$/.test(next.lower)) {
      let c = k;
      while (c > a && !toks[c - 1]!.word) c--;
      return c;
    }
  }
  return -1;
}

/** A lowercase word that looks like a verb: a speech or stance verb, an -ed form or an auxiliary. */
function isVerbLike(ctx: Ctx, k: number): boolean {
  const t = ctx.toks[k]!;
  return (
    t.word &&
    !t.cap &&
    (INDIRECT_VERBS.has(t.lower) ||
      /^[a-z]+ed$/.test(t.lower) ||
      /^(is|was|are|were|has|have|had)$/.test(t.lower))
  );
}

/**
 * The whole stretch [s0, b) before a reporting verb as a described subject: 2 to 12 words opening
 * the sentence, with no verb of its own, no quotation and no pronoun standing alone (examples set
 * off after it, ", including …,", left out).
 */
function describedSubject(ctx: Ctx, s0: number, b: number): Resolved | null {
  const { toks } = ctx;
  // "Four Lakeside newspapers, including the Lakeside Courier, said": the examples set off are left out.
  const setOff = (t: string) => t === ',' || t === '—' || t === '--' || t === '–';
  if (b - 1 > s0 && setOff(toks[b - 1]!.text)) {
    for (let k = s0 + 2; k < b - 2 && k - s0 <= 12; k++) {
      if (setOff(toks[k]!.text) && /^(including|such|like|among)$/.test(toks[k + 1]!.lower)) {
        b = k;
        break;
      }
    }
  }
  const n = b - s0;
  // One word only when it names a group: "Caucus-goers were more likely to say …".
  if (
    n > 12 ||
    (n < 2 && !(n === 1 && /\p{Ll}{2}s$/u.test(toks[s0]!.text) && !toks[s0]!.lower.endsWith("'s")))
  )
    return null;
  const first = toks[s0]!;
  if (!first.word || !(first.cap || DETERMINERS.has(first.lower))) return null;
  for (let k = s0; k < b; k++) {
    const t = toks[k]!;
    if (ctx.quoteOf[k] !== -1 || t.text === ',' || t.text === ':' || t.text === ';') return null;
    if (isVerbLike(ctx, k)) return null;
  }
  return describeNp(ctx, { a: s0, b });
}

/** A relative pronoun as a subject, contracted or not. */
const RELATIVE = /^(who|which|that)(?:'d|'s|'ve)?$/;

/** Subject ending before token b: a noun phrase, or "who"/"that" standing for the phrase before it. */
function subjectOf(ctx: Ctx, d: Discourse, b: number, floor: number): Resolved | null {
  const { toks } = ctx;
  const w = toks[b - 1];
  // "X, who('d) previously endorsed", "an outfit that endorsed": the relative pronoun's antecedent.
  if (w && RELATIVE.test(w.lower) && b - 1 > floor) {
    let e = b - 1;
    if (toks[e - 1]?.text === ',') e--;
    const np = npBefore(ctx, e, floor);
    const sp = np ? resolveNp(ctx, d, np) : null;
    if (!sp) return null;
    const mention = { text: w.text, start: w.start, end: w.end };
    return { ...sp, mention };
  }
  const np = npBefore(ctx, b, floor);
  if (!np) return null;
  const headed = headOfSubject(ctx, d, np, floor);
  if (headed) return headed;
  const sp = resolveNp(ctx, d, np);
  if (sp) return sp;
  // "Six in 10 say", "26 percent of Democrats say", "many economists say": a group described as
  // written.
  const head = toks[np.b - 1]!;
  if (np.b - np.a > 8 || !head.word || ctx.quoteOf[np.a] !== -1) return null;
  if (
    !(
      /^[0-9]/.test(head.text) ||
      (NUM.test(head.lower) && toks[np.a - 1]?.lower === 'in') ||
      /^(percent|majority|majorities|half|most|many|some|others|voters|people)$/.test(head.lower) ||
      (head.lower.endsWith('s') && !head.cap && !head.lower.endsWith("'s"))
    )
  )
    return null;
  let a = np.a;
  // "About 4 in 10", "six in 10": the share, not its denominator; a bare number is no source.
  if (toks[a - 1]?.lower === 'in' && a - 2 >= floor && NUM.test(toks[a - 2]!.lower)) {
    a -= 2;
    if (a - 1 >= floor && /^(about|nearly|almost|only|roughly|some|over|under)$/.test(toks[a - 1]!.lower))
      a--;
    else if (
      a - 2 >= floor &&
      toks[a - 1]!.lower === 'than' &&
      /^(more|less|fewer)$/.test(toks[a - 2]!.lower)
    )
      a -= 2;
  } else if (/^[0-9]/.test(head.text)) return null;
  const start = toks[a]!.start;
  const text = ctx.text.slice(start, head.end);
  return { name: text, mention: { text, start, end: head.end } };
}
