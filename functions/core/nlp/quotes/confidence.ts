/**
 * Step 7: a learned confidence for each quotation found, direct or reported. The rules above find
 * quotations generously; this step scores each with a small logistic model over what the rules
 * saw (how many words, how the speaker was reached and by which sieve, the words around it, the
 * cue's class and whether it is negated …) and drops those below the model's threshold, trading
 * recall for precision where cross-validation on PolNeAR train says it pays
 * (functions/cli/eval/quote-filter-training.ts trains it; `npm run train:speakers` writes it).
 * Pure; constant work per quotation.
 */

import { NEGATIONS } from '../../lexicon/negation.ts';
import { DETERMINERS, NOMINAL_HEADS } from '../../lexicon/nominal-roles.ts';
import { SPEAKER_PRONOUNS } from '../../lexicon/pronouns.ts';
import { REPORTING_VERBS, SPEECH_VERBS, STANCE_VERBS } from '../../lexicon/speech-verbs.ts';
import type { Span } from '../../types.ts';
import { type Ctx, tokenAt } from './context.ts';
import type { How } from './rank.ts';
import type { Resolved } from './resolve.ts';

export const FILTER_MODEL_FORMAT = 'news-ingest-quote-filter/1';

/** Weights of the features of direct (`D|…`) and reported (`I|…`) quotations, and the cut-offs. */
export interface FilterModel {
  readonly format: string;
  readonly weights: Readonly<Record<string, number>>;
  /** A quotation whose probability is below its kind's threshold is dropped (0: none is). */
  readonly thresholds: { readonly direct: number; readonly indirect: number };
}

/** What the confidence of a direct quotation is computed from. */
export interface DirectSite {
  readonly start: number;
  readonly end: number;
  readonly how: How;
  readonly sieve: string | null;
  readonly speaker: Resolved | null;
  readonly single: boolean;
}

/** What the confidence of a reported quotation is computed from. */
export interface ReportedSite {
  readonly start: number;
  readonly end: number;
  readonly cue: Span | null;
  readonly speaker: Resolved | null;
  /** The id of the rule that found it (indirect.ts). */
  readonly rule: string;
}

const WORDS = [1, 2, 3, 4, 6, 10, 20, 40];

function bucket(n: number, edges: readonly number[]): string {
  for (const e of edges) if (n <= e) return `${e}`;
  return `${edges[edges.length - 1]}+`;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Runs of letters and digits (what /[\p{L}\p{N}]+/gu matches), counted in one pass without a match array. */
function wordCount(text: string): number {
  let n = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let w: boolean;
    if (c < 128) w = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    else {
      const cp = text.codePointAt(i)!;
      w = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
      if (cp > 0xffff) i++;
    }
    if (w && !inRun) n++;
    inRun = w;
  }
  return n;
}

/** A token's class as a feature value: a closed-class word as itself, else its shape. */
const CLOSED = new Set(
  `the a an of on in at to for with by from as and or but that this these those his her their its our
  my your is are was were be been called dubbed term phrase word words slogan nickname so-called known
  what which who so not no said says say told`.split(/\s+/),
);

function tokClass(ctx: Ctx, k: number, para: number): string {
  const t = ctx.toks[k];
  if (!t || t.para !== para) return 'edge';
  if (!t.word) return /^[,;:]$/.test(t.text) ? t.text : /^[.!?]$/.test(t.text) ? 'stop' : 'punct';
  if (CLOSED.has(t.lower)) return t.lower;
  if (t.lower.endsWith("'s")) return 'poss';
  if (SPEECH_VERBS.has(t.lower)) return 'speech';
  if (t.cap) return 'Cap';
  return 'low';
}

const SPACE = /^\s$/;
const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;

/**
 * The case of a quotation's words (whitespace-separated, those holding a letter), by the first
 * letter of each: none, cap (one word), allCap, lower, firstCap or mixed. One pass, no word array.
 */
export function shape(inner: string): string {
  let words = 0;
  let caps = 0;
  let firstCap = false;
  // In the current word: has a letter been seen, and was the first one uppercase?
  let letter = false;
  let upper = false;
  const endWord = () => {
    if (!letter) return;
    words++;
    if (upper) caps++;
    if (words === 1) firstCap = upper;
    letter = false;
    upper = false;
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) endWord();
      else if (!letter && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
        letter = true;
        upper = c <= 90;
      }
      continue;
    }
    const cp = inner.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (cp <= 0xffff && SPACE.test(ch)) endWord();
    else if (!letter && LETTER.test(ch)) {
      letter = true;
      upper = UPPER.test(ch);
    }
  }
  endWord();
  if (words === 0) return 'none';
  if (caps === words) return words > 1 ? 'allCap' : 'cap';
  return caps === 0 ? 'lower' : firstCap ? 'firstCap' : 'mixed';
}

const FIRST_PERSON = /\b(I|I'm|I’m|me|my|we|We|our|Our|us)\b/;

/** Features of a direct quotation (all prefixed `D|`). */
export function directFeatures(ctx: Ctx, q: DirectSite, quotesInSentence: number): string[] {
  const open = tokenAt(ctx, q.start);
  const close = tokenAt(ctx, q.end);
  const para = ctx.toks[open]?.para ?? 0;
  const inner = ctx.text.slice(q.start, q.end);
  const n = wordCount(inner);
  const w = bucket(n, WORDS);
  const short = n <= 4 ? 'short' : 'long';
  const how = q.how;
  const end = /[.!?]\W*$/u.test(inner) ? 'stop' : /[,;:]\W*$/u.test(inner) ? 'comma' : 'bare';
  const prev = tokClass(ctx, open - 1, para);
  const next = tokClass(ctx, close, para);
  const sent = ctx.sentOf[Math.min(open, ctx.toks.length - 1)] ?? 0;
  const opensSentence = ctx.sentStart[sent] === open;
  const form = shape(inner);
  const inSent = bucket(quotesInSentence, [1, 2, 3]);
  const f = [
    'D|bias',
    `D|w|${w}`,
    `D|how|${how}`,
    `D|how|${how}|${short}`,
    `D|sieve|${q.sieve ?? '-'}`,
    `D|sp|${q.speaker ? (q.speaker.type ?? 'desc') : 'none'}`,
    `D|sp|${q.speaker ? 'yes' : 'no'}|${short}`,
    `D|end|${end}`,
    `D|end|${end}|${short}`,
    `D|shape|${form}`,
    `D|shape|${form}|${short}`,
    `D|prev|${prev}`,
    `D|prev|${prev}|${short}`,
    `D|next|${next}`,
    `D|next|${next}|${short}`,
    `D|prevnext|${prev}|${next}`,
    `D|opens|${opensSentence ? 'sentence' : 'inside'}`,
    `D|inSent|${inSent}`,
    `D|inSent|${inSent}|${form}`,
  ];
  if (q.single) f.push('D|single');
  if (FIRST_PERSON.test(inner)) f.push('D|firstPerson', `D|firstPerson|${short}`);
  return f;
}

const cueClass = (w: string): string =>
  SPEECH_VERBS.has(w)
    ? 'speech'
    : REPORTING_VERBS.has(w)
      ? 'reporting'
      : STANCE_VERBS.has(w)
        ? 'stance'
        : w === 'according'
          ? 'according'
          : 'other';

/** The word next to a reported cue as a feature value: a closed-class word as itself, else its kind. */
function cueNeighbour(ctx: Ctx, k: number, para: number): string {
  const t = ctx.toks[k];
  if (!t || t.para !== para) return 'edge';
  if (!t.word) return /^[,;:]$/.test(t.text) ? t.text : /^[.!?]$/.test(t.text) ? 'stop' : 'punct';
  if (CUE_CLOSED.has(t.lower)) return t.lower;
  if (DETERMINERS.has(t.lower)) return 'det';
  if (t.lower.endsWith("'s")) return 'poss';
  if (ctx.mentionOf[k] !== -1) return `name|${ctx.mentions[ctx.mentionOf[k]!]!.type}`;
  if (SPEAKER_PRONOUNS.has(t.lower)) return 'pronoun';
  if (t.cap) return 'Cap';
  if (t.lower.endsWith('ly')) return 'ly';
  if (t.lower.endsWith('s')) return 'low-s';
  return 'low';
}

const CUE_CLOSED = new Set(
  `to of on in at for with by from as and or but that who which not no is are was were be been being
  has have had will would can could may might should must also did does do about against`.split(/\s+/),
);

function verbForm(w: string): string {
  if (w.endsWith('ing')) return 'ing';
  if (w.endsWith('ed')) return 'ed';
  if (w.endsWith('s') && !w.endsWith('ss')) return 's';
  return 'other';
}

/** How a reported quotation's speaker is written: a name, a pronoun, a role noun or another phrase. */
function speakerForm(sp: Resolved): string {
  if (sp.type) {
    const m = sp.mention.text.toLowerCase();
    return SPEAKER_PRONOUNS.has(m) ? 'pronoun' : /^(who|which|that)/.test(m) ? 'relative' : 'name';
  }
  const words = sp.mention.text.toLowerCase().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  if (NOMINAL_HEADS.has(head)) return `role|${NOMINAL_HEADS.get(head)}`;
  if (/^\d/.test(words[0] ?? '') || /^(percent|most|many|some|half|majority)$/.test(head)) return 'count';
  return head.endsWith('s') ? 'phrase-s' : 'phrase';
}

/** Features of a reported quotation (all prefixed `I|`). */
export function indirectFeatures(ctx: Ctx, r: ReportedSite): string[] {
  const inner = ctx.text.slice(r.start, r.end);
  const n = wordCount(inner);
  const cue = r.cue ? ctx.text.slice(r.cue.start, r.cue.end).toLowerCase().replace(/’/g, "'") : '';
  const lemma = cue.split(/\s+/)[0] ?? '';
  const cls = cueClass(lemma);
  const f = [
    'I|bias',
    `I|rule|${r.rule}`,
    `I|cue|${lemma}`,
    `I|class|${cls}`,
    `I|w|${bucket(n, WORDS)}`,
    `I|w|${bucket(n, WORDS)}|${cls}`,
    `I|sp|${r.speaker ? (r.speaker.type ?? 'desc') : 'none'}`,
    `I|side|${r.cue ? (r.cue.start < r.start ? 'before' : 'after') : 'none'}`,
    `I|shape|${shape(inner)}`,
  ];
  if (r.cue) {
    // Negated or refused speech: "did not say", "declined to say".
    const k = tokenAt(ctx, r.cue.start);
    for (let j = Math.max(0, k - 3); j < k; j++) {
      const t = ctx.toks[j]!;
      if (NEGATIONS.has(t.lower)) {
        f.push('I|negated', `I|negated|${cls}`);
        break;
      }
    }
    if (ctx.toks[k + 1]?.lower === 'that') f.push('I|that');
    const before = ctx.toks[k - 1];
    if (before && !before.word) f.push(`I|cuePrev|${before.text}`);
    // Whether the cue reads as a verb: the word before it ("the plans", "he plans", "was
    // backed") and after it, and its form (-ing, -ed, -s or bare), each with the cue's class.
    const para = ctx.toks[k]?.para ?? 0;
    const prev = cueNeighbour(ctx, k - 1, para);
    const next = cueNeighbour(ctx, k + 1, para);
    const form = verbForm(lemma);
    f.push(
      `I|cueBefore|${prev}`,
      `I|cueBefore|${prev}|${cls}`,
      `I|cueAfter|${next}`,
      `I|cueAfter|${next}|${cls}`,
      `I|form|${form}|${cls}`,
      `I|form|${form}|${prev}`,
    );
    // A quotation in the cue's sentence: the clause is mostly part of a direct quotation's
    // attribution ("X said of the plan, “…”").
    const sent = ctx.sentOf[Math.min(k, ctx.toks.length - 1)] ?? 0;
    const s0 = ctx.sentStart[sent] ?? 0;
    const s1 = ctx.sentStart[sent + 1] ?? ctx.toks.length;
    for (let j = s0; j < s1; j++)
      if (ctx.quoteOf[j] !== -1) {
        f.push('I|sentQuote', `I|sentQuote|${cls}`);
        break;
      }
  }
  if (r.speaker) {
    const form = speakerForm(r.speaker);
    f.push(`I|spForm|${form}`, `I|spForm|${form}|${cls}`, `I|spForm|${form}|${r.rule}`);
  }
  // The cue word with what stands before it ("the support" against "they support").
  if (r.cue) {
    const k = tokenAt(ctx, r.cue.start);
    f.push(`I|cue|${lemma}|${cueNeighbour(ctx, k - 1, ctx.toks[k]?.para ?? 0)}`);
  }
  // How the content opens and ends.
  const a = tokenAt(ctx, r.start);
  const b = tokenAt(ctx, r.end);
  const cpara = ctx.toks[a]?.para ?? 0;
  f.push(`I|first|${cueNeighbour(ctx, a, cpara)}`, `I|first|${cueNeighbour(ctx, a, cpara)}|${r.rule}`);
  f.push(`I|next|${cueNeighbour(ctx, b, cpara)}`);
  if (/^\W*that\b/i.test(inner)) f.push('I|opensThat');
  if (inner.includes(':')) f.push('I|colon');
  if (FIRST_PERSON.test(inner)) f.push('I|firstPerson');
  return f;
}

/** The logistic probability of a feature list under the model. */
/** Each model's weights as a Map, built once: a lookup per feature on every quotation. */
const weightMaps = new WeakMap<FilterModel, ReadonlyMap<string, number>>();

export function probability(model: FilterModel, features: readonly string[]): number {
  let weights = weightMaps.get(model);
  if (!weights) {
    weights = new Map(Object.entries(model.weights));
    weightMaps.set(model, weights);
  }
  let s = 0;
  for (const x of features) s += weights.get(x) ?? 0;
  return 1 / (1 + Math.exp(-s));
}

/** Does the model keep a quotation with these features? */
export function keeps(model: FilterModel, type: 'direct' | 'indirect', features: readonly string[]): boolean {
  const t = model.thresholds[type];
  return t <= 0 || probability(model, features) >= t;
}
