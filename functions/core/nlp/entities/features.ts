/**
 * Feature extraction for the entity model, shared by training and run time so both see exactly the
 * same features. A feature is a 32-bit hash of its template and its value (word, shape, affix,
 * context word, gazetteer match, cluster, document evidence), computed without building strings;
 * the model maps the hashes it knows to weight rows.
 */

import { type Casing, truecase } from './truecase.ts';

/** Gazetteer categories (bit positions in a phrase's category mask). */
export const LEXICON_CATEGORIES = [
  'country',
  'region',
  'city',
  'demonym',
  'name',
  'org',
  'title',
  'team',
  'brand',
  'code',
] as const;

/**
 * The category of letter codes of countries and states (`US`, `UK`, `FL`): they match only a word
 * written in capitals, never the lower-case word they spell (`us`, `in`).
 */
const CODE_CATEGORY = LEXICON_CATEGORIES.indexOf('code');

/** Set in a lexicon entry's value when the key is a proper prefix of a longer phrase. */
export const LEXICON_PREFIX = 1 << 15;

/** Open-addressing map from a 32-bit hash (never 0) to a row number: slots of (hash, row) pairs. */
export interface HashIndex {
  readonly mask: number;
  readonly slots: Int32Array;
}

export function buildHashIndex(hashes: ArrayLike<number>): HashIndex {
  let cap = 16;
  while (cap < hashes.length * 2) cap *= 2;
  const slots = new Int32Array(cap * 2);
  const mask = cap - 1;
  for (let r = 0; r < hashes.length; r++) {
    const h = hashes[r]!;
    if (h === 0) continue;
    let at = h & mask;
    while (slots[at * 2] !== 0 && slots[at * 2] !== h) at = (at + 1) & mask;
    slots[at * 2] = h;
    slots[at * 2 + 1] = r;
  }
  return { mask, slots };
}

/** Row of hash `h`, or -1. */
export function hashRow(ix: HashIndex, h: number): number {
  const slots = ix.slots;
  let at = h & ix.mask;
  for (;;) {
    const k = slots[at * 2]!;
    if (k === h) return slots[at * 2 + 1]!;
    if (k === 0) return -1;
    at = (at + 1) & ix.mask;
  }
}

/**
 * A table keyed by 32-bit string hashes: keys sorted ascending, one value per key. The hashes are
 * uniform, so interpolation search finds a key in a few probes with no index to build at load.
 */
export interface HashTable<V> {
  readonly keys: Int32Array;
  readonly values: V;
}

/** Position of `h` in the sorted `keys`, or -1. */
export function tableRow(keys: Int32Array, h: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const a = keys[lo]!;
    const b = keys[hi]!;
    if (h < a || h > b) return -1;
    const mid = a === b ? lo : lo + Math.floor(((h - a) / (b - a)) * (hi - lo));
    const k = keys[mid]!;
    if (k === h) return mid;
    if (k < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Gazetteer: hash of a lowercased phrase (tokens joined by one space) -> bitmask of
 * LEXICON_CATEGORIES, plus LEXICON_PREFIX when a longer phrase starts with it.
 */
export interface Lexicon extends HashTable<Uint16Array> {
  readonly maxLength: number;
}

/** Hash of a word (exact, or lowercased) -> cluster ids from coarse to fine. */
export interface Clusters {
  readonly keys: Int32Array;
  /** `levels` ids per key, row-major (coarse to fine). */
  readonly ids: Uint16Array;
  readonly levels: number;
}

/** Cluster ids of the word at row `at` of the table (a view: no copy). */
export function clusterRow(c: Clusters, at: number): Uint16Array {
  return c.ids.subarray(at * c.levels, at * c.levels + c.levels);
}

export interface FeatureContext {
  readonly lexicon: Lexicon | null;
  readonly clusters: Clusters | null;
  /** Usual casing of words, to read text written in capitals as running text (truecase.ts). */
  readonly casing?: Casing | null;
}

export interface SentenceRange {
  readonly first: number;
  readonly last: number;
}

/** Features of a document: token i has hashes[offsets[i] .. offsets[i + 1]). */
export interface DocumentFeatures {
  readonly offsets: Int32Array;
  readonly hashes: Int32Array;
  /** Per-token word facts (shared objects, one per distinct word). */
  readonly words: readonly WordInfo[];
  /** The words the features read: the input, with capitals stretches truecased. */
  readonly cased: readonly string[];
}

const FNV_OFFSET = 0x811c9dc5 | 0;

/** FNV-1a over UTF-16 code units, continuing from `h`. */
export function fnv(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Mixes a value into a hash (murmur3-style finaliser). Never returns 0. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h === 0 ? 1 : h;
}

/** Hash of a phrase of lowercased tokens joined by single spaces. */
export function phraseHash(tokens: readonly string[]): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0) h = Math.imul(h ^ 32, 0x01000193);
    h = fnv(tokens[i]!, h);
  }
  return h;
}

const T = (name: string) => fnv(name);
const TPL = {
  bias: T('b'),
  word: T('w'),
  lower: T('l'),
  shape: T('sh'),
  short: T('ss'),
  p1: T('p1'),
  p2: T('p2'),
  n1: T('n1'),
  n2: T('n2'),
  sp1: T('sp1'),
  sn1: T('sn1'),
  bigramPrev: T('b-'),
  bigramNext: T('b+'),
  prevShape: T('pw'),
  shapeNext: T('nw'),
  shape3: T('ssh3'),
  pre: [T('pre1'), T('pre2'), T('pre3'), T('pre4')],
  suf: [T('suf1'), T('suf2'), T('suf3'), T('suf4')],
  init: T('init'),
  head: T('head'),
  doc: T('doc'),
  docx: T('docx'),
  gaz: T('g'),
  topic: T('topic'),
  topicGaz: T('topic-g'),
  aggPrev: T('ap'),
  aggNext: T('an'),
  gazPrev: T('-g'),
  gazNext: T('+g'),
  cluster: [T('c0'), T('c1'), T('c2'), T('c3'), T('c4')],
  clusterPrev: [T('pc0'), T('pc1'), T('pc2'), T('pc3'), T('pc4')],
  clusterNext: [T('nc0'), T('nc1'), T('nc2'), T('nc3'), T('nc4')],
};
/** Contexts kept per word for context aggregation. */
const AGG_LIMIT = 8;
const BOS = fnv('<s>');
const EOS = fnv('</s>');

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;

/** Character class: X upper, x lower, d digit, or the character itself. */
function charClass(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 128) {
    if (c >= 65 && c <= 90) return 'X';
    if (c >= 97 && c <= 122) return 'x';
    if (c >= 48 && c <= 57) return 'd';
    return ch;
  }
  if (UPPER.test(ch)) return 'X';
  if (LOWER.test(ch)) return 'x';
  if (DIGIT.test(ch)) return 'd';
  return ch;
}

/** Word shape with runs longer than two collapsed: `Ivanov` -> `Xxx`, `1996-08-22` -> `dd-dd-dd`. */
export function shape(w: string): string {
  let out = '';
  let prev = '';
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const c = charClass(w[i]!);
    if (c === prev) {
      run++;
      if (run > 2) continue;
    } else {
      run = 1;
      prev = c;
    }
    out += c;
  }
  return out;
}

function shortShape(sh: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < sh.length; i++) {
    const c = sh[i]!;
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

function isCapitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(w[0]!);
}

function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c >= 128 && LETTER.test(w[i]!)) return true;
  }
  return false;
}

/** Has an upper-case letter and no lower-case one. */
function isAllCaps(w: string): boolean {
  let upper = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 128) {
      if (LOWER.test(w[i]!)) return false;
      if (UPPER.test(w[i]!)) upper = true;
    }
  }
  return upper;
}

function isLowerWord(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) continue;
    if (c >= 128 && LOWER.test(w[i]!)) continue;
    return false;
  }
  return true;
}

/** A headline-like sentence: most of its words are written in capitals. */
function isHeadline(flags: Uint8Array, s: SentenceRange): boolean {
  let letters = 0;
  let caps = 0;
  for (let i = s.first; i < s.last; i++) {
    const f = flags[i]!;
    if (!(f & HAS_LETTER)) continue;
    letters++;
    if (f & ALL_CAPS) caps++;
  }
  return letters >= 2 && caps / letters > 0.6;
}

const HAS_LETTER = 1;
const CAPITALISED = 2;
const ALL_CAPS = 4;
const LOWER_WORD = 8;

export interface WordInfo {
  readonly lower: string;
  readonly flags: number;
  readonly hw: number;
  readonly hl: number;
  readonly hs: number;
  readonly hss: number;
  /**
   * A slot for a scorer's per-word cache: the owner (a model, with a generation of the scorer's
   * storage) and where the value is.
   */
  scoreOwner: unknown;
  scoreGen: number;
  scoreAt: number;
  /** The row of the lowercased word alone in a lexicon (lexOwner), or -1. */
  lexOwner: unknown;
  lexAt: number;
}

/** Per-word facts, cached across documents (bounded): pure functions of the word. */
const WORD_INFO = new Map<string, WordInfo>();
const WORD_INFO_LIMIT = 200_000;

function wordInfo(w: string): WordInfo {
  let c = WORD_INFO.get(w);
  if (c) return c;
  const lower = w.toLowerCase();
  const sh = shape(w);
  const hw = fnv(w);
  c = {
    lower,
    flags:
      (hasLetter(w) ? HAS_LETTER : 0) |
      (isCapitalised(w) ? CAPITALISED : 0) |
      (isAllCaps(w) ? ALL_CAPS : 0) |
      (isLowerWord(w) ? LOWER_WORD : 0),
    hw,
    hl: lower === w ? hw : fnv(lower),
    hs: fnv(sh),
    hss: fnv(shortShape(sh)),
    scoreOwner: undefined,
    scoreGen: -1,
    scoreAt: -1,
    lexOwner: undefined,
    lexAt: -1,
  };
  if (WORD_INFO.size >= WORD_INFO_LIMIT) WORD_INFO.clear();
  WORD_INFO.set(w, c);
  return c;
}

/**
 * The features of a token that depend on the word alone (bias, word, lowercase, shape, affixes,
 * clusters): at run time their weight sum is cached per word.
 */
function pushWordFeatures(
  push: (h: number) => void,
  hw: number,
  hl: number,
  hs: number,
  lw: string,
  clusterIds: ArrayLike<number> | undefined,
): void {
  push(TPL.bias);
  push(mix(TPL.word, hw));
  push(mix(TPL.lower, hl));
  push(mix(TPL.shape, hs));
  const L = lw.length;
  let hp = FNV_OFFSET;
  let hx = FNV_OFFSET;
  for (let k = 0; k < 4 && k < L; k++) {
    hp = Math.imul(hp ^ lw.charCodeAt(k), 0x01000193);
    hx = Math.imul(hx ^ lw.charCodeAt(L - 1 - k), 0x01000193);
    push(mix(TPL.pre[k]!, hp));
    push(mix(TPL.suf[k]!, hx));
  }
  if (clusterIds) for (let k = 0; k < clusterIds.length; k++) push(mix(TPL.cluster[k]!, clusterIds[k]!));
}

/**
 * Roles in which a word contributes features that depend on that word alone: as the token itself,
 * and as the token one or two places before or after the token being labelled.
 */
export const WORD_ROLES = ['self', 'prev1', 'next1', 'prev2', 'next2'] as const;

/** The word-only features of `w` in each role (see documentFeatures), identical to those it emits. */
export function wordFeatures(w: string, ctx: FeatureContext): number[][] {
  const lw = w.toLowerCase();
  const hw = fnv(w);
  const hl = lw === w ? hw : fnv(lw);
  const hs = fnv(shape(w));
  let ids: ArrayLike<number> | undefined;
  if (ctx.clusters?.keys.length) {
    let at = tableRow(ctx.clusters.keys, hw);
    if (at < 0) at = tableRow(ctx.clusters.keys, hl);
    ids = at < 0 ? undefined : clusterRow(ctx.clusters, at);
  }
  const self: number[] = [];
  pushWordFeatures((h) => self.push(h), hw, hl, hs, lw, ids);
  const prev1 = [mix(TPL.p1, hl), mix(TPL.sp1, hs)];
  const next1 = [mix(TPL.n1, hl), mix(TPL.sn1, hs)];
  if (ids) {
    for (let k = 0; k < ids.length; k++) {
      prev1.push(mix(TPL.clusterPrev[k]!, ids[k]!));
      next1.push(mix(TPL.clusterNext[k]!, ids[k]!));
    }
  }
  return [self, prev1, next1, [mix(TPL.p2, hl)], [mix(TPL.n2, hl)]];
}

/** Features of every token of a document. */
export function documentFeatures(
  input: readonly string[],
  sentences: readonly SentenceRange[],
  ctx: FeatureContext,
  options: { readonly omitWordFeatures?: boolean } = {},
): DocumentFeatures {
  const withWord = !options.omitWordFeatures;
  const n = input.length;
  // Headlines and the topic slug are told by the capitals as written; every other feature reads
  // the words as running text would case them.
  const written = input;
  const norms = truecase(written, sentences, ctx.casing);
  const lower: string[] = new Array(n);
  const flags = new Uint8Array(n);
  const hw = new Int32Array(n);
  const hl = new Int32Array(n);
  const hs = new Int32Array(n);
  const hss = new Int32Array(n);
  const infos: WordInfo[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = wordInfo(norms[i]!);
    infos[i] = c;
    lower[i] = c.lower;
    flags[i] = c.flags;
    hw[i] = c.hw;
    hs[i] = c.hs;
    hss[i] = c.hss;
    hl[i] = c.hl;
  }
  const headline = new Uint8Array(n);
  const initial = new Uint8Array(n);
  let writtenFlags = flags;
  if (norms !== written) {
    writtenFlags = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      writtenFlags[i] = norms[i] === written[i] ? flags[i]! : wordInfo(written[i]!).flags;
  }
  for (const s of sentences) {
    const h = isHeadline(writtenFlags, s) ? 1 : 0;
    for (let i = s.first; i < s.last; i++) headline[i] = h;
    // Sentence-initial: first token, skipping opening quotes and brackets.
    let k = s.first;
    while (k < s.last && /^["'([-]/.test(norms[k]!) && !(flags[k]! & HAS_LETTER)) k++;
    if (k < s.last) initial[k] = 1;
  }
  // Document-level evidence about each lowercased word, as bits of the `doc` feature's code (one
  // map look-up per token): seen in lower case (2), capitalised inside a sentence (4), just after
  // (8) or just before (16) another capitalised word.
  const seen = new Map<number, number>();
  const see = (h: number, bit: number) => seen.set(h, (seen.get(h) ?? 0) | bit);
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      if (headline[i]) continue;
      const f = flags[i]!;
      if (f & LOWER_WORD) see(hl[i]!, 2);
      else if (f & CAPITALISED && !initial[i]) {
        let bits = 4;
        if (i > s.first && flags[i - 1]! & CAPITALISED && flags[i - 1]! & HAS_LETTER) bits |= 8;
        if (i + 1 < s.last && flags[i + 1]! & CAPITALISED) bits |= 16;
        see(hl[i]!, bits);
      }
    }
  }
  // Context aggregation (Ratinov and Roth 2009): every capitalised word of running text carries the
  // words seen one place before and after each of its occurrences in the document (at most
  // AGG_LIMIT each), so `Kestrel` in a line that says little takes the evidence of `Kestrel
  // spokesman` or `at Kestrel's plant` elsewhere.
  const aggPrev = new Map<number, number[]>();
  const aggNext = new Map<number, number[]>();
  const addAgg = (m: Map<number, number[]>, key: number, h: number) => {
    const a = m.get(key);
    if (!a) m.set(key, [h]);
    else if (a.length < AGG_LIMIT && !a.includes(h)) a.push(h);
  };
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      if (headline[i] || !(flags[i]! & CAPITALISED)) continue;
      addAgg(aggPrev, hl[i]!, i > s.first ? hl[i - 1]! : BOS);
      addAgg(aggNext, hl[i]!, i + 1 < s.last ? hl[i + 1]! : EOS);
    }
  }
  // Gazetteer matches: per token, (category * 4 + position) codes of every phrase covering it.
  const gaz: (number[] | undefined)[] = new Array(n);
  const addGaz = (k: number, code: number) => {
    const g = gaz[k];
    if (g) g.push(code);
    else gaz[k] = [code];
  };
  const lex = ctx.lexicon;
  if (lex?.keys.length) {
    for (const s of sentences) {
      for (let i = s.first; i < s.last; i++) {
        if (!(flags[i]! & HAS_LETTER)) continue;
        // The word alone: its hash is the lowercased word's (hl), its row cached per word.
        const info = infos[i]!;
        const fl = flags[i]!;
        if (info.lexOwner !== lex) {
          info.lexOwner = lex;
          info.lexAt = tableRow(lex.keys, hl[i]!);
        }
        if (info.lexAt < 0) continue;
        let h = FNV_OFFSET;
        for (let j = i; j < s.last && j - i < lex.maxLength; j++) {
          if (j > i) h = Math.imul(h ^ 32, 0x01000193);
          h = fnv(lower[j]!, h);
          const at = j === i ? info.lexAt : tableRow(lex.keys, h);
          if (at < 0) break;
          const v = lex.values[at]!;
          const mask = v & (LEXICON_PREFIX - 1);
          if (mask !== 0) {
            for (let c = 0; c < LEXICON_CATEGORIES.length; c++) {
              if (!(mask & (1 << c))) continue;
              if (c === CODE_CATEGORY && (j !== i || !(fl & ALL_CAPS))) continue;
              if (j === i) addGaz(i, c * 4 + 3);
              else {
                addGaz(i, c * 4);
                for (let k = i + 1; k < j; k++) addGaz(k, c * 4 + 1);
                addGaz(j, c * 4 + 2);
              }
            }
          }
          if (!(v & LEXICON_PREFIX)) break;
        }
      }
    }
  }
  // Cluster ids of every token (exact form first, then lowercased).
  const clusters = ctx.clusters;
  let cl: (ArrayLike<number> | undefined)[] | null = null;
  // With omitWordFeatures every cluster feature is a word feature: no look-ups needed here.
  if (withWord && clusters?.keys.length) {
    cl = new Array(n);
    for (let i = 0; i < n; i++) {
      let at = tableRow(clusters.keys, hw[i]!);
      if (at < 0) at = tableRow(clusters.keys, hl[i]!);
      cl[i] = at < 0 ? undefined : clusterRow(clusters, at);
    }
  }
  // Document topic: the first word of the document when it is written in capitals (CoNLL and wire
  // stories open with a slug such as SOCCER or CRICKET); capitalised words in sports results are teams.
  let topic = 0;
  for (let i = 0; i < n; i++) {
    if (!(writtenFlags[i]! & HAS_LETTER)) continue;
    if (writtenFlags[i]! & ALL_CAPS && norms[i]!.length > 2) topic = hl[i]!;
    break;
  }
  const offsets = new Int32Array(n + 1);
  let out = new Int32Array(Math.max(64, n * (withWord ? 48 : 16)));
  let len = 0;
  const push = (h: number) => {
    if (len === out.length) {
      const bigger = new Int32Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[len++] = h;
  };
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      offsets[i] = len;
      const lw = lower[i]!;
      const p1 = i - 1 >= s.first ? hl[i - 1]! : BOS;
      const p2 = i - 2 >= s.first ? hl[i - 2]! : BOS;
      const n1 = i + 1 < s.last ? hl[i + 1]! : EOS;
      const n2 = i + 2 < s.last ? hl[i + 2]! : EOS;
      const sp1 = i - 1 >= s.first ? hs[i - 1]! : BOS;
      const sn1 = i + 1 < s.last ? hs[i + 1]! : EOS;
      const ssp1 = i - 1 >= s.first ? hss[i - 1]! : BOS;
      const ssn1 = i + 1 < s.last ? hss[i + 1]! : EOS;
      const h = headline[i]!;
      if (withWord) pushWordFeatures(push, hw[i]!, hl[i]!, hs[i]!, lw, cl ? cl[i] : undefined);
      push(mix(mix(TPL.short, hss[i]!), h));
      // Unigram context features; with omitWordFeatures only those at sentence boundaries (the
      // others are per-word and scored through the run-time cache).
      const hasP1 = i - 1 >= s.first;
      const hasN1 = i + 1 < s.last;
      if (withWord || !hasP1) push(mix(TPL.p1, p1));
      if (withWord || i - 2 < s.first) push(mix(TPL.p2, p2));
      if (withWord || !hasN1) push(mix(TPL.n1, n1));
      if (withWord || i + 2 >= s.last) push(mix(TPL.n2, n2));
      if (withWord || !hasP1) push(mix(TPL.sp1, sp1));
      if (withWord || !hasN1) push(mix(TPL.sn1, sn1));
      push(mix(mix(TPL.bigramPrev, p1), hl[i]!));
      push(mix(mix(TPL.bigramNext, hl[i]!), n1));
      push(mix(mix(TPL.prevShape, p1), hs[i]!));
      push(mix(mix(TPL.shapeNext, hs[i]!), n1));
      push(mix(mix(mix(TPL.shape3, ssp1), hss[i]!), ssn1));
      if (initial[i]) push(mix(TPL.init, hss[i]!));
      if (h) push(mix(TPL.head, hss[i]!));
      const fl = flags[i]!;
      if (fl & HAS_LETTER) {
        const code = (fl & CAPITALISED ? 1 : 0) | (seen.get(hl[i]!) ?? 0);
        push(mix(TPL.doc, code));
        push(mix(TPL.docx, code | (initial[i]! << 5) | (h << 6)));
      }
      if (fl & CAPITALISED && !h) {
        const ap = aggPrev.get(hl[i]!);
        if (ap) for (const x of ap) push(mix(TPL.aggPrev, x));
        const an = aggNext.get(hl[i]!);
        if (an) for (const x of an) push(mix(TPL.aggNext, x));
      }
      const gi = gaz[i];
      if (gi) for (const g of gi) push(mix(TPL.gaz, g));
      if (topic !== 0 && fl & CAPITALISED) {
        push(mix(mix(TPL.topic, topic), hss[i]!));
        if (gi) for (const g of gi) push(mix(mix(TPL.topicGaz, topic), g));
      }
      const gp = i > s.first ? gaz[i - 1] : undefined;
      if (gp) for (const g of gp) push(mix(TPL.gazPrev, g));
      const gn = i + 1 < s.last ? gaz[i + 1] : undefined;
      if (gn) for (const g of gn) push(mix(TPL.gazNext, g));
      if (cl && withWord) {
        const cp = i > s.first ? cl[i - 1] : undefined;
        if (cp) for (let k = 0; k < cp.length; k++) push(mix(TPL.clusterPrev[k]!, cp[k]!));
        const cn = i + 1 < s.last ? cl[i + 1] : undefined;
        if (cn) for (let k = 0; k < cn.length; k++) push(mix(TPL.clusterNext[k]!, cn[k]!));
      }
    }
  }
  offsets[n] = len;
  // Tokens outside every sentence (none in practice) get no features.
  for (let i = n - 1; i >= 0; i--) if (offsets[i]! > offsets[i + 1]!) offsets[i] = offsets[i + 1]!;
  return { offsets, hashes: out.subarray(0, len), words: infos, cased: norms };
}
