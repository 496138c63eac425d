/**
 * Quoted spans that are not quotations: titles of shows and books ("Fox and Friends"), section
 * subheads, scare quotes with no speech around them, quoted terms, nicknames and slogans, numbers.
 * Decided per quotation from its words and context.
 */

import { ENGLISH_FUNCTION_WORDS } from '../../lexicon/english-words.ts';
import {
  NAMING_CALLED_BEFORE,
  SIGN_NOUNS,
  SIGN_TEXT_BEFORE,
  SPEAKER_WORDS,
  TERM_MARKERS,
  TERM_NOUNS,
} from '../../lexicon/naming-words.ts';
import { DETERMINERS } from '../../lexicon/nominal-roles.ts';
import { SPEECH_VERBS } from '../../lexicon/speech-verbs.ts';
import type { Span } from '../../types.ts';
import { type Ctx, tokenAt } from './context.ts';
import type { MarkedQuote } from './marks.ts';
import type { Tok } from './text.ts';

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
  'podcast',
  'play',
  'musical',
  'thriller',
  'drama',
  'comedy',
  'documentary',
  'sitcom',
  'novel',
  'memoir',
  'magazine',
  'blog',
  'initiative',
  'hashtag',
  'autobiography',
  'biography',
  'anthology',
  'miniseries',
  'episode',
  'opera',
  'poem',
  'painting',
  'exhibition',
  // what a song is done to: "the band played “Long Road Home”"
  'played',
  'plays',
  'playing',
  'sang',
  'sings',
  'singing',
  'performed',
  'performs',
  'performing',
]);

/** Nouns after a title that say what it is a title of: "the “Night Shift” host", "“Lowlands” star". */
const TITLE_AFTER = new Set([
  'star',
  'stars',
  'host',
  'hosts',
  'creator',
  'creators',
  'actor',
  'actress',
  'cast',
  'producer',
  'showrunner',
  'author',
  'episode',
  'season',
  'finale',
  'premiere',
  'sequel',
  'franchise',
  'soundtrack',
]);

/** Nouns for what a crowd shouts: "chants of “…”". */
const SHOUTS = new Set(['chant', 'chants', 'cry', 'cries', 'shout', 'shouts', 'chorus', 'roar', 'calls']);

/** The last span words() split, and its words: the filters ask for one quotation's words in turn. */
let lastWords: { text: string; start: number; end: number; words: readonly string[] } | null = null;

/** The whitespace-separated words of [start, end), its leading and trailing punctuation cut off. */
function words(ctx: Ctx, start: number, end: number): readonly string[] {
  const last = lastWords;
  if (last && last.start === start && last.end === end && last.text === ctx.text) return last.words;
  const ws = ctx.text
    .slice(start, end)
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  lastWords = { text: ctx.text, start, end, words: ws };
  return ws;
}

/** A title has at most this many words. */
const MAX_TITLE_WORDS = 8;

function titleCase(ws: readonly string[]): boolean {
  return (
    ws.length <= MAX_TITLE_WORDS &&
    ws.some((w) => /^\p{Lu}/u.test(w)) &&
    ws.every((w) => SMALL.has(w.toLowerCase()) || /^[\p{Lu}\p{N}]/u.test(w))
  );
}

/** Is the quotation a title in running text ("on “Fox and Friends”")? */
export function isTitle(ctx: Ctx, start: number, end: number): boolean {
  if (end - start > 120) return false; // titles are short
  const open = tokenAt(ctx, start);
  // A title's first word is capitalised or a small word: a cheap test before splitting the words.
  const first = ctx.toks[open + 1];
  if (!first || !(first.cap || SMALL.has(first.lower) || !first.word)) return false;
  // "the Netflix thriller, “Bloodline,”": a comma may stand between the noun and its title.
  let p = open - 1;
  if (ctx.toks[p]?.text === ',' && TITLE_BEFORE.has(ctx.toks[p - 1]?.lower ?? '')) p--;
  const prev = ctx.toks[p];
  if (!prev || prev.para !== ctx.toks[open]?.para) return false;
  const pl = prev.lower;
  // "chants of “Ted! Ted!”", "cries of “Bitch!”": what a crowd shouted, not a title.
  if (pl === 'of' && SHOUTS.has(ctx.toks[p - 1]?.lower ?? '')) return false;
  if (/!\W*$/u.test(ctx.text.slice(start, end))) return false;
  const titlePlace =
    TITLE_BEFORE.has(pl) ||
    pl.endsWith("'s") ||
    pl === "'" ||
    (prev.cap && prev.word && ctx.paras[prev.para]!.start !== 0 && prev.para > 0 && !SPEECH_VERBS.has(pl));
  return titlePlace && titleCase(words(ctx, start, end));
}

/** A list of titles has at least this many quoted titles in a row. */
export const MIN_TITLE_LIST = 3;
/** What may stand between two quoted titles of a list: `“A,” “B” and “C”`. */
const LIST_JOIN = /^\s*[,;]?\s*(?:(?:and|or|&)\s+)?$/;

/**
 * Which quotations (indices into ctx.quotes) are members of a list of quoted titles in one
 * paragraph: `played “Long Road Home,” “Paper Moon,” “Night Train” and “Blue River”` — songs,
 * books or episodes named, not words anyone is said to speak. A run of MIN_TITLE_LIST or more
 * title-cased quotations joined only by commas, "and" or "or".
 */
export function titleListMembers(ctx: Ctx): ReadonlySet<number> {
  const out = new Set<number>();
  const qs = ctx.quotes;
  let runStart = 0;
  const close = (end: number) => {
    if (end - runStart >= MIN_TITLE_LIST) for (let k = runStart; k < end; k++) out.add(k);
  };
  const titled = (k: number) => {
    const q = qs[k]!;
    return q.lastParagraph === q.paragraph && titleCase(words(ctx, q.start, q.end));
  };
  for (let k = 0; k < qs.length; k++) {
    const joined =
      k > runStart &&
      titled(k) &&
      qs[k]!.paragraph === qs[k - 1]!.paragraph &&
      LIST_JOIN.test(ctx.text.slice(qs[k - 1]!.end, qs[k]!.start));
    if (joined) continue;
    close(k);
    runStart = titled(k) ? k : k + 1;
  }
  close(qs.length);
  return out;
}

/**
 * Is the quotation a section subhead: a paragraph of its own after the headline, a few words in
 * single marks (`'A really tough decision.'`), as news sections are headed with a line from them?
 */
export function isSubhead(ctx: Ctx, q: MarkedQuote): boolean {
  if (!q.single || q.paragraph === 0 || q.lastParagraph !== q.paragraph) return false;
  const para = ctx.paras[q.paragraph]!;
  if (ctx.text.slice(para.start, q.start).trim() !== '' || ctx.text.slice(q.end, para.end).trim() !== '')
    return false;
  return words(ctx, q.start, q.end).length <= 8;
}

/**
 * Is the quoted span markup, a handle or a transcript block: `author="x"`, `"@handle"`,
 * `"pic.twitter.com/"`, `"WALLACE: Let's start …` (a transcript quoted whole, speaker turns
 * inside), `"(CROSSTALK.)`?
 */
export function isMarkup(ctx: Ctx, start: number, end: number): boolean {
  if (start > 0 && ctx.text[start - 1] === '=') return true;
  const head = ctx.text.slice(start + 1, Math.min(end, start + 40));
  if (/^\s*(\p{Lu}[\p{Lu} .'’-]{1,30}:\s|\(\p{Lu}+\.?\))/u.test(head)) return true;
  const inner = ctx.text.slice(start + 1, end - 1).trim();
  return inner.length > 0 && !/\s/.test(inner) && (/^[@#]/.test(inner) || /[/.]\w/.test(inner));
}

/** Should a quotation with no speaker still be reported? */
export function keepUnattributed(ctx: Ctx, start: number, end: number): boolean {
  const inner = ctx.text.slice(start, end);
  let letters = 0;
  for (let i = 0; i < inner.length && letters < 2; i++) if (/\p{L}/u.test(inner[i]!)) letters++;
  if (letters < 2) return false;
  const ws = words(ctx, start, end);
  // The headline line: quotations there are the story's, whatever their case.
  const first = ctx.toks[tokenAt(ctx, start)];
  if (first && first.para === 0 && ctx.paras.length > 1) return true;
  if (titleCase(ws)) return sentenceHasCue(ctx, start, end);
  if (ws.length <= 2) return sentenceHasCue(ctx, start, end);
  return true;
}

/** Is there a speech verb outside quotation marks in the quotation's sentence(s)? */
function sentenceHasCue(ctx: Ctx, start: number, end: number): boolean {
  const a = tokenAt(ctx, start);
  const b = tokenAt(ctx, end);
  const first = ctx.sentOf[Math.min(a, ctx.toks.length - 1)] ?? 0;
  const last = ctx.sentOf[Math.max(0, Math.min(b, ctx.toks.length) - 1)] ?? first;
  const flags = cueSentences(ctx);
  for (let s = first; s <= last && s - first < 4; s++) if (flags[s]) return true;
  return false;
}

const cache = new WeakMap<Ctx, Uint8Array>();

/** One pass: which sentences hold a speech verb outside quotation marks. */
function cueSentences(ctx: Ctx): Uint8Array {
  let flags = cache.get(ctx);
  if (flags) return flags;
  flags = new Uint8Array(ctx.sentStart.length);
  for (let i = 0; i < ctx.toks.length; i++) {
    if (ctx.quoteOf[i] !== -1) continue;
    const t = ctx.toks[i]!;
    if (t.word && (SPEECH_VERBS.has(t.lower) || t.lower === 'according')) flags[ctx.sentOf[i]!] = 1;
  }
  cache.set(ctx, flags);
  return flags;
}

/** A quoted term, nickname or slogan has at most this many words. */
export const MAX_TERM_WORDS = 4;
/** A speech cue more than this many tokens before a title-cased span is not its own cue. */
const NEAR_CUE_TOKENS = 3;

/** Words after a quoted span that show it is no modifier of a following noun. */
const MODIFIER_STOP = new Set(
  `and or but nor of to in on at for with by from as that which who whom whose is are was were be been
  being has have had will would can could may might must should than if when while because about into
  over after before the a an`.split(/\s+/),
);

/** Is the quoted span preceded by a word that names it ("the term “…”", "so-called", "known as")? */
function namedBefore(ctx: Ctx, open: number): boolean {
  const prev = ctx.toks[open - 1];
  if (!prev || prev.para !== ctx.toks[open]!.para) return false;
  if (TERM_NOUNS.has(prev.lower) && DETERMINERS.has(ctx.toks[open - 2]?.lower ?? '')) return true;
  if (TERM_MARKERS.has(prev.lower)) return true;
  if (prev.lower === 'as' && ctx.toks[open - 2]?.lower === 'known') return true;
  const before = ctx.toks[open - 2];
  if (prev.lower === 'called' && before && NAMING_CALLED_BEFORE.has(before.lower.replace(/’/g, "'")))
    return true;
  // "the nickname of “…”", "earned it the name of “…”": a term noun and "of".
  if (
    prev.lower === 'of' &&
    TERM_NOUNS.has(before?.lower ?? '') &&
    DETERMINERS.has(ctx.toks[open - 3]?.lower ?? '')
  )
    return true;
  return prev.lower === 'called' && before?.text === '-' && ctx.toks[open - 3]?.lower === 'so';
}

/** A sign's noun stands at most this many words before the word that introduces its text. */
const SIGN_NOUN_WINDOW = 4;

/**
 * Is the quotation the text of a sign, a placard or a banner (`placards reading “Trains Not
 * Tolls”`, `signs with sayings such as, “…”`): a slogan written, not spoken?
 */
export function isSignText(ctx: Ctx, start: number): boolean {
  const open = tokenAt(ctx, start);
  const para = ctx.toks[open]?.para;
  let p = open - 1;
  if (ctx.toks[p]?.text === ',') p--;
  const intro = ctx.toks[p];
  if (!intro || intro.para !== para || !SIGN_TEXT_BEFORE.has(intro.lower)) return false;
  if (intro.lower === 'as' && ctx.toks[p - 1]?.lower !== 'such') return false;
  for (let k = p - 1; k >= 0 && k >= p - 1 - SIGN_NOUN_WINDOW; k--) {
    const t = ctx.toks[k]!;
    if (t.para !== para || ctx.quoteOf[k] !== -1) return false;
    if (SIGN_NOUNS.has(t.lower)) return true;
  }
  return false;
}

/**
 * Is the quotation a quoted term, title, nickname or slogan that nobody is said to speak? Three
 * shapes, none with a first- or second-person word inside:
 *   - a few words named as such (`the phrase “new normal”`, `so-called “…”`, `known as “…”`), unless
 *     a speech cue after it reports it;
 *   - a title-cased run inside a sentence (`his podcast “Night Shift Notes” drew …`) with no speech
 *     cue near it;
 *   - a few words used as a modifier inside a noun phrase (`the “zero tolerance” policy`), with no
 *     speech cue and no punctuation of its own.
 */
export function isQuotedTerm(ctx: Ctx, start: number, end: number, cue: Span | null): boolean {
  const ws = words(ctx, start, end);
  if (ws.length === 0) return false;
  // Longer than a term and than a title (titleCase): none of the shapes below can hold.
  if (ws.length > MAX_TITLE_WORDS && ws.length > MAX_TERM_WORDS) return false;
  if (ws.some((w) => SPEAKER_WORDS.has(w.toLowerCase().replace(/’/g, "'")))) return false;
  const open = tokenAt(ctx, start);
  const short = ws.length <= MAX_TERM_WORDS;
  // "the “Night Shift” host", "“Lowlands” star Sam Kessler": named by the noun after it.
  const after = ctx.toks[tokenAt(ctx, end)];
  if (titleCase(ws) && after?.word && TITLE_AFTER.has(after.lower) && after.para === ctx.toks[open]!.para)
    return true;
  if (short && namedBefore(ctx, open)) return !cue || cue.start < start;
  const prev = ctx.toks[open - 1];
  if (!prev || prev.para !== ctx.toks[open]!.para || !prev.word) return false;
  const inner = ctx.text.slice(start, end);
  if (ws.length > 1 && titleCase(ws) && !/[!?]\W*$/u.test(inner)) {
    const far = !cue || (cue.end <= start && open - tokenAt(ctx, cue.end) > NEAR_CUE_TOKENS);
    if (far) return true;
  }
  if (cue || !short || /[.,;:!?]\W*$/u.test(inner)) return false;
  if (!after?.word || after.cap || after.para !== prev.para) return false;
  const det = (t: Tok | undefined) => !!t && (DETERMINERS.has(t.lower) || t.lower.endsWith("'s"));
  // "the “zero tolerance” policy", "the defeated “Remain” campaign": a determiner, perhaps one
  // adjective, then the span, then a noun.
  const opensPhrase = det(prev) || (!prev.cap && det(ctx.toks[open - 2]));
  return opensPhrase && !MODIFIER_STOP.has(after.lower);
}

/** A text with fewer words than this is too short to judge its language: it is read as English. */
export const MIN_LANGUAGE_WORDS = 40;
/**
 * Below this share of English function words among its words a text is not English: English news
 * runs above 0.1 (a score table or a recipe above 0.01), Russian or Indonesian prose near 0.
 */
export const MIN_ENGLISH_SHARE = 0.02;

const englishCache = new WeakMap<Ctx, boolean>();

/**
 * Is the text English, as far as its function words tell? The cues and speaker rules read English
 * only: in another language a quotation's "speaker" is a guess.
 */
export function isEnglish(ctx: Ctx): boolean {
  const known = englishCache.get(ctx);
  if (known !== undefined) return known;
  let words = 0;
  let english = 0;
  for (const t of ctx.toks) {
    if (!t.word || !/\p{L}/u.test(t.text)) continue;
    words++;
    if (ENGLISH_FUNCTION_WORDS.has(t.lower)) english++;
  }
  const out = words < MIN_LANGUAGE_WORDS || english >= MIN_ENGLISH_SHARE * words;
  englishCache.set(ctx, out);
  return out;
}
