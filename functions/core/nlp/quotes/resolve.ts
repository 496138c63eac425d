/**
 * Step 4: from a noun phrase near a cue to a speaker. Names resolve to their canonical entity,
 * pronouns to the right earlier person or organisation (gender, recency, subject position),
 * nominals ("the spokesman", "the newspaper") to the entity the text gave that role, and unnamed
 * sources ("a defense ministry source") stay as they are written. Nothing is guessed: when no
 * candidate fits, the result is null.
 */

import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { FEMALE_HONORIFICS, MALE_HONORIFICS, TITLES } from '../../lexicon/honorifics.ts';
import { DETERMINERS, NOMINAL_HEADS } from '../../lexicon/nominal-roles.ts';
import { PREPOSITIONS } from '../../lexicon/prepositions.ts';
import { SPEAKER_PRONOUNS } from '../../lexicon/pronouns.ts';
import {
  APPOSITIVE_START,
  AUXILIARIES,
  DEFINITE,
  DOCUMENT_HEADS,
  FEMALE_WORDS,
  MALE_WORDS,
  NOT_APPOSITIVE_START,
  NOT_NAMES,
  NP_STOP,
  SENTENCE_ADVERBS,
  SET_OFF_OPENERS,
} from '../../lexicon/speaker-words.ts';
import { SPEECH_VERBS } from '../../lexicon/speech-verbs.ts';
import type { EntityMention, EntityType, Span } from '../../types.ts';
import { type Ctx, isCapitalsLabel, labelColon } from './context.ts';
import { RuleSwitches } from './switches.ts';

export interface Resolved {
  readonly name: string;
  readonly mention: Span;
  readonly type?: EntityType;
  readonly role?: string;
}

/** A capitalised name word ("Ivanka"). */
const NAME_WORD = /^[A-Z][a-z]+$/;

export class Discourse {
  private readonly genders = new Map<string, 'male' | 'female' | null>();
  private readonly roleMap = new Map<string, string[]>();
  private rolesScanned = false;
  /** Canonical PERSON names by their last word, for linking bare surnames. */
  private readonly bySurname = new Map<string, string>();
  private readonly personLike: Uint8Array;
  /** Canonical names without leading titles, memoised per document (names repeat). */
  private readonly stripped = new Map<string, string>();
  /** Gender shown by an honorific before some mention ("Mr. Trump"), by canonical name. */
  private readonly honorificGender = new Map<string, 'male' | 'female' | null>();

  constructor(
    private readonly ctx: Ctx,
    /** The rules switched on for this document, and the record of those that fired. */
    readonly rules: RuleSwitches = new RuleSwitches(),
  ) {
    this.personLike = new Uint8Array(ctx.mentions.length);
    ctx.mentions.forEach((m, i) => {
      if (this.isPersonMention(m)) this.personLike[i] = 1;
    });
    // Pre-pass: the surnames of every person mention.
    ctx.mentions.forEach((m, i) => {
      if (!this.personLike[i]) return;
      const canon = this.canonical(m);
      const words = canon.split(/\s+/);
      if (words.length > 1) {
        const last = words[words.length - 1]!.toLowerCase();
        if (!this.bySurname.has(last)) this.bySurname.set(last, canon);
      }
    });
    // A full name the recogniser typed otherwise ("Ivanka Trump" as an organisation) is a person
    // when it ends with a person's surname: organisations end in their own nouns ("Trump Tower").
    for (let i = 0; i < ctx.mentions.length; i++) {
      const m = ctx.mentions[i]!;
      if (this.personLike[i] || (m.type !== 'ORGANIZATION' && m.type !== 'MISC')) continue;
      if (this.otherTypedPerson(m.text)) this.personLike[i] = 1;
    }
  }

  /** "Ivanka Trump" (a known surname after a first word), "Caroline" (a lone first name). */
  private otherTypedPerson(text: string): boolean {
    const words = text.split(' ');
    const w0 = words[0]!.toLowerCase();
    if (words.length === 1) return FEMALE_FIRST_NAMES.has(w0) || MALE_FIRST_NAMES.has(w0);
    if (words.length > 3 || !words.every((w) => NAME_WORD.test(w))) return false;
    return this.bySurname.has(words[words.length - 1]!.toLowerCase()) && !this.bySurname.has(w0);
  }

  /** Roles found for a canonical name, first first (scanned on first use: many texts need none). */
  get roles(): Map<string, string[]> {
    this.ensureRoles();
    return this.roleMap;
  }

  private ensureRoles(): void {
    if (this.rolesScanned) return;
    this.rolesScanned = true;
    this.scanRoles();
  }

  /** Roles and gender evidence (honorifics) of every person mention. */
  private scanRoles(): void {
    const { ctx } = this;
    ctx.mentions.forEach((m, i) => {
      if (!this.personLike[i]) return;
      const canon = this.canonical(m);
      const t = ctx.toks[firstTokenIndex(ctx, m.start) - 1];
      if (t && t.end > m.start - 3) {
        const w = t.lower.endsWith('.') ? t.lower.slice(0, -1) : t.lower;
        const g = MALE_HONORIFICS.has(w) ? 'male' : FEMALE_HONORIFICS.has(w) ? 'female' : null;
        // "Mr. Trump" and "Mrs. Trump" both linked to one name: the honorifics decide nothing.
        const had = this.honorificGender.get(canon);
        if (g && had === undefined) this.honorificGender.set(canon, g);
        else if (g && had && had !== g) this.honorificGender.set(canon, null);
      }
      const role = this.roleAround(m);
      if (role) {
        const list = this.roleMap.get(canon) ?? [];
        if (!list.includes(role)) list.push(role);
        this.roleMap.set(canon, list);
      }
    });
  }

  /** Canonical name of a mention, linking a bare surname to the full name seen elsewhere. */
  canonical(m: EntityMention): string {
    let c = m.canonical || m.text;
    if (!c.includes(' ') && (m.type === 'PERSON' || this.ctx.untyped)) {
      const full = this.bySurname.get(c.toLowerCase());
      if (full) c = full;
    }
    let out = this.stripped.get(c);
    if (out === undefined) {
      out = stripTitles(c);
      this.stripped.set(c, out);
    }
    return out;
  }

  isPersonMention(m: EntityMention): boolean {
    if (m.type === 'PERSON') return true;
    if (!this.ctx.untyped) return false;
    // Weak recogniser: a capitalised run whose first word is a known first name or title.
    const first = m.text.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, '');
    return (
      MALE_FIRST_NAMES.has(first) ||
      FEMALE_FIRST_NAMES.has(first) ||
      TITLES.has(first) ||
      TITLES.has(`${first}.`)
    );
  }

  isPersonIndex(i: number): boolean {
    return this.personLike[i] === 1;
  }

  gender(canon: string): 'male' | 'female' | null {
    if (this.genders.has(canon)) return this.genders.get(canon)!;
    // What the text says (an honorific, a gendered role: "widow Terry Quinn") outweighs what
    // the first name suggests.
    this.ensureRoles();
    let g: 'male' | 'female' | null = this.honorificGender.get(canon) ?? null;
    if (!g) {
      for (const r of this.roles.get(canon) ?? []) {
        // The first gendered word before any preposition: the role's own ("spokeswoman"), not
        // another person's ("pollster for Mr. Dalton", "… once her husband arrived").
        for (const w of r.toLowerCase().split(/\s+/)) {
          if (PREPOSITIONS.has(w)) break;
          g = FEMALE_WORDS.has(w) ? 'female' : MALE_WORDS.has(w) ? 'male' : null;
          if (g) break;
        }
        if (g) break;
      }
    }
    if (!g) {
      const first = canon.split(/\s+/)[0]!.toLowerCase();
      if (MALE_FIRST_NAMES.has(first)) g = 'male';
      else if (FEMALE_FIRST_NAMES.has(first)) g = 'female';
    }
    this.genders.set(canon, g);
    return g;
  }

  /** Role words written next to a person mention: premodifiers or an appositive. */
  private roleAround(m: EntityMention): string | undefined {
    const { ctx } = this;
    const { toks } = ctx;
    let i = firstTokenIndex(ctx, m.start);
    if (i < 0) return undefined;
    const pre = premodifierStart(ctx, i);
    if (pre < i) return ctx.text.slice(toks[pre]!.start, toks[i - 1]!.end);
    // Appositive: ", a spokesman for the State Department," right after the name.
    while (i < toks.length && toks[i]!.start < m.end) i++;
    if (toks[i]?.text === ',') return appositiveRole(ctx, i + 1);
    return undefined;
  }

  /** Role for a speaker: the local one if given, else the first role the text gave them. */
  roleOf(canon: string): string | undefined {
    return this.roles.get(canon)?.[0];
  }

  /** Capitalised-name fallback: canonical name for a run of capitalised tokens. */
  nameFromRun(a: number, b: number): string {
    const { ctx } = this;
    let s = a;
    while (s < b - 1 && isTitleTok(ctx.toks[s]!.lower)) s++;
    const text = ctx.text.slice(ctx.toks[s]!.start, ctx.toks[b - 1]!.end);
    if (!text.includes(' ')) {
      const full = this.bySurname.get(text.toLowerCase());
      if (full) return full;
    }
    return text;
  }

  /** The people speaking in the text by canonical name with their last speaking token. */
  readonly lastSpeakers: { name: string; tok: number; type?: EntityType }[] = [];
}

function stripTitles(name: string): string {
  const words = name.split(/\s+/);
  let s = 0;
  while (s < words.length - 1 && isTitleTok(words[s]!.toLowerCase())) s++;
  return words.slice(s).join(' ');
}

function isTitleTok(lower: string): boolean {
  return lower.endsWith('.')
    ? TITLES.has(lower) || TITLES.has(lower.slice(0, -1))
    : TITLES.has(lower) && lower.length <= 4;
}

export function firstTokenIndex(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.toks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < ctx.toks.length ? lo : -1;
}

const titleCased = new WeakMap<Ctx, Int8Array>();

/** Is paragraph p a title-cased line (a headline)? Computed once per paragraph. */
function titleCasedParagraph(ctx: Ctx, p: number): boolean {
  let memo = titleCased.get(ctx);
  if (!memo) {
    memo = new Int8Array(ctx.paras.length).fill(-1);
    titleCased.set(ctx, memo);
  }
  if (memo[p] === -1) memo[p] = titleCasedTokens(ctx, p) ? 1 : 0;
  return memo[p] === 1;
}

/** Most (80%) of the paragraph's words over three letters capitalised, as on a headline. */
function titleCasedTokens(ctx: Ctx, p: number): boolean {
  const { toks } = ctx;
  let long = 0;
  let lower = 0;
  for (
    let k = firstTokenIndex(ctx, ctx.paras[p]!.start);
    k >= 0 && k < toks.length && toks[k]!.para === p;
    k++
  ) {
    const t = toks[k]!;
    if (!t.word || t.text.length <= 3) continue;
    long++;
    if (!t.cap) lower++;
    if (lower >= 2 && lower > 0.2 * long) return false;
  }
  return long >= 3 && lower <= 0.2 * long;
}

/** Start of the premodifier run before token i (capitalised words, titles, role nouns, 's). */
export function premodifierStart(ctx: Ctx, i: number): number {
  const { toks } = ctx;
  let k = i;
  let hasRole = false;
  while (k > 0 && i - k < 7) {
    const t = toks[k - 1]!;
    if (t.para !== toks[i]!.para || !t.word || ctx.quoteOf[k - 1] !== -1) break;
    const lw = t.lower.replace(/\.$/, '');
    const role =
      TITLES.has(lw) ||
      TITLES.has(t.lower) ||
      NOMINAL_HEADS.get(lw) === 'person' ||
      FEMALE_WORDS.has(lw) ||
      MALE_WORDS.has(lw);
    if (DETERMINERS.has(t.lower) || NP_STOP.has(t.lower)) break;
    if (
      !(
        t.cap ||
        role ||
        NOMINAL_HEADS.has(lw) ||
        t.lower.endsWith("'s") ||
        lw === 'former' ||
        lw === 'deputy'
      )
    )
      break;
    // A capitalised word starting a sentence before a name is rarely a title unless it is one;
    // nor is one on a title-cased headline ("Gold Star Mom Corners Obama").
    if (t.cap && !role && ctx.sentOf[k - 1] !== ctx.sentOf[i]) break;
    if (t.cap && !role && !NOMINAL_HEADS.has(lw) && titleCasedParagraph(ctx, t.para)) break;
    if (role) hasRole = true;
    k--;
  }
  // Drop a leading sentence-initial capitalised non-role word ("Yesterday Defense Minister X").
  if (!hasRole) return i;
  // Trim leading words before the first title/role/capitalised run start that are not part of it.
  while (k < i) {
    const t = toks[k]!;
    const lw = t.lower.replace(/\.$/, '');
    if (
      t.cap ||
      TITLES.has(lw) ||
      NOMINAL_HEADS.has(lw) ||
      FEMALE_WORDS.has(lw) ||
      MALE_WORDS.has(lw) ||
      lw === 'former' ||
      lw === 'deputy'
    )
      break;
    k++;
  }
  return k;
}

/** Role in an appositive starting at token i (after the comma): "a spokesman for Y". */
export function appositiveRole(ctx: Ctx, i: number): string | undefined {
  const { toks } = ctx;
  const first = toks[i];
  if (!first?.word) return undefined;
  if (first.lower === 'who' || first.lower === 'which' || first.lower === 'whose') return undefined;
  // "Schilling, through a spokeswoman, declined": a prepositional phrase is no role; nor is a
  // clause ("Comey, said that …", "Sanders, he has been …", ", and his spokeswoman").
  if (PREPOSITIONS.has(first.lower) || NOT_APPOSITIVE_START.has(first.lower)) return undefined;
  if (SPEECH_VERBS.has(first.lower) || /^[a-z]+ed$/.test(first.text)) {
    if (toks[i + 1]?.lower === 'that') return undefined;
  }
  let j = i;
  let hasRole = false;
  while (j < toks.length && j - i < 28) {
    const t = toks[j]!;
    if (AUXILIARIES.has(t.lower)) return undefined;
    if (!t.word && t.text !== '.' && t.text !== '-' && t.text !== "'" && t.text !== '--' && t.text !== '’')
      break;
    if (t.para !== first.para || ctx.quoteOf[j] !== -1) break;
    const lw = t.lower.replace(/\.$/, '');
    if (NOMINAL_HEADS.get(lw) === 'person' || TITLES.has(lw)) hasRole = true;
    if (j > i && (lw === 'said' || lw === 'says' || lw === 'told' || lw === 'who' || lw === 'added')) break;
    j++;
  }
  if (!hasRole || j === i || toks[j]?.text !== ',') return undefined;
  const s = /^(a|an|the)$/.test(toks[i]!.lower) ? i + 1 : i;
  if (s >= j) return undefined;
  return roleFromAppositive(ctx, i, j) ?? ctx.text.slice(toks[s]!.start, toks[j - 1]!.end);
}

/** Candidate noun phrase: tokens [a, b) with the head at b - 1 (after trimming). */
export interface Np {
  readonly a: number;
  readonly b: number;
  /** Role from an appositive, when the phrase had one. */
  readonly appositive?: string;
}

/**
 * `Owen Pratt, co-founder of the Clean Rivers Action Committee, said`: a person or
 * organisation opening the frame at `floor`, then an appositive of any shape (commas included)
 * running to the comma before the verb.
 */
function nameSetOff(ctx: Ctx, end: number, floor: number): Np | null {
  const { toks } = ctx;
  if (toks[end - 1]?.text !== ',') return null;
  // The comma closing the name: the nearest one, within 25 tokens, right after a speaker mention
  // that opens the frame or follows a clause word ("in what Bay Buchanan, …, called").
  for (let c = end - 2; c > floor && end - c <= 25; c--) {
    const t = toks[c]!;
    if (ctx.quoteOf[c] !== -1 || isStop(t.text) || t.text === '.') return null;
    if (t.text !== ',') continue;
    // "The poll, released on Wednesday by the institute, showed": a short described subject opening
    // the frame, then anything set off by commas.
    if (
      c - floor >= 2 &&
      c - floor <= 4 &&
      DETERMINERS.has(toks[floor]!.lower) &&
      ctx.mentionOf[c - 1] === -1
    ) {
      let plain = true;
      for (let k = floor; k < c; k++) if (!toks[k]!.word || NP_STOP.has(toks[k]!.lower)) plain = false;
      if (plain) return { a: floor, b: c };
    }
    const mi = ctx.mentionOf[c - 1]!;
    // Countries speak too: "China, Pyongyang's only ally, said".
    if (mi < 0 || !(isSpeakerType(ctx.mentions[mi]!.type) || ctx.mentions[mi]!.type === 'LOCATION')) continue;
    let a = c - 1;
    while (a > floor && ctx.mentionOf[a - 1] === mi) a--;
    if (ctx.mentions[mi]!.start !== toks[a]!.start) continue;
    // "Florida delegate John Archer, wearing …, said": role words may open the frame before the name.
    const pre = a > floor ? premodifierStart(ctx, a) : a;
    if (pre < a && (pre === floor || SET_OFF_OPENERS.has(toks[pre - 1]!.lower))) a = pre;
    // Any short run of plain premodifiers opening the frame ("Florida delegate", "House Republican").
    else if (a > floor && a - floor <= 3 && plainWords(ctx, floor, a)) a = floor;
    // "Even China, …, said": a sentence adverb may open the frame before the name.
    const opener = a - 1 === floor && SENTENCE_ADVERBS.has(toks[floor]!.lower);
    if (a !== floor && !opener && !SET_OFF_OPENERS.has(toks[a - 1]!.lower)) continue;
    const first = toks[c + 1]!;
    if (c + 1 >= end - 1 || !first.word) return null;
    // "Sanders, who has already sent pleas on Canova's behalf, said": the relative clause is set off.
    if (first.lower === 'who' || first.lower === 'which') return { a, b: c };
    let appositive = appositiveRole(ctx, c + 1);
    if (!appositive && !first.cap && end - 1 - (c + 1) <= 12)
      appositive = roleFromAppositive(ctx, c + 1, end - 1);
    return appositive ? { a, b: c, appositive } : { a, b: c };
  }
  return null;
}

/** Are tokens [a, b) words that may premodify a name: no clause word, determiner, pronoun or verb form? */
function plainWords(ctx: Ctx, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const t = ctx.toks[k]!;
    if (!t.word || NP_STOP.has(t.lower) || DETERMINERS.has(t.lower) || NOT_NAMES.has(t.lower)) return false;
    if (!t.cap && /(ed|ing|ly)$/.test(t.lower)) return false;
  }
  return true;
}

/**
 * The role an appositive [a, b) gives, as a noun phrase: "also a deputy prime minister and seen as
 * a potential successor" -> "deputy prime minister". A participial phrase ("wearing a shirt",
 * "building Iran's first plant") gives none.
 */
function roleFromAppositive(ctx: Ctx, a: number, b: number): string | undefined {
  const { toks } = ctx;
  let s = a;
  while (s < b && /^(also|now|still|formerly|once|then)$/.test(toks[s]!.lower)) s++;
  if (s < b && /^(a|an|the)$/.test(toks[s]!.lower)) s++;
  if (s >= b || /^[a-z]+(ing|ed)$/.test(toks[s]!.lower)) return undefined;
  // It ends before a relative clause or a coordinated participle ("… and seen as …"); "president
  // and chief executive" stays whole.
  let e = s + 1;
  while (e < b) {
    const w = toks[e]!.lower;
    if (w === 'who' || w === 'which') break;
    if (w === 'and' && /^([a-z]+(ing|ed|en)|seen|known)$/.test(toks[e + 1]?.lower ?? '')) break;
    e++;
  }
  return ctx.text.slice(toks[s]!.start, toks[e - 1]!.end);
}

/** Every rule on, no trace: for callers without a document's switches. */
const ALL_ON = new RuleSwitches();

/** Subject phrase ending right before token `end` (exclusive), walking back at most `limit` tokens. */
export function npBefore(ctx: Ctx, end: number, floor: number, rules: RuleSwitches = ALL_ON): Np | null {
  const { toks } = ctx;
  const setOff = rules.on('np.set-off-name') ? nameSetOff(ctx, end, floor) : null;
  if (setOff) {
    rules.fire('np.set-off-name');
    return setOff;
  }
  let b = end;
  let appositive: string | undefined;
  // A whole name peeled off as an appositive ("…, her adviser, Jake Sullivan, said").
  let named: Np | null = null;
  // "X (D-Mo.), a spokesman for Y, one of ..., said": skip parentheticals and appositives.
  // `b` is the exclusive end of the phrase; each round peels one trailing ", appositive,".
  let comma = b - 1 >= floor && toks[b - 1]!.text === ',' ? b - 1 : -1;
  if (toks[b - 1]?.text === ')') comma = -2;
  for (let round = 0; round < 4; round++) {
    if (b - 1 >= floor && toks[b - 1]!.text === ')') {
      let k = b - 2;
      while (k >= floor && k >= b - 10 && toks[k]!.text !== '(') k--;
      if (k < floor || toks[k]!.text !== '(') return null;
      b = k;
      if (toks[b - 1]?.text === ',') comma = b - 1;
      continue;
    }
    if (comma < 0 && !(round > 0 && b - 1 >= floor)) break;
    // The segment [k + 1, end) between the previous comma and this one.
    const end = comma >= 0 ? comma : b;
    let k = end - 1;
    while (
      k >= floor &&
      k >= end - 30 &&
      toks[k]!.text !== ',' &&
      ctx.quoteOf[k] === -1 &&
      !isStop(toks[k]!.text)
    )
      k--;
    if (k < floor || toks[k]!.text !== ',') {
      if (comma >= 0 && round === 0) return null;
      break;
    }
    const role = appositiveRole(ctx, k + 1);
    const w = toks[k + 1]!.lower;
    const isApp =
      round === 0
        ? role || APPOSITIVE_START.has(w) || (end - (k + 1) <= 4 && !hasLowerWord(ctx, k + 1, end))
        : role || (APPOSITIVE_START.has(w) && w !== 'who' && w !== 'which' && w !== 'whose');
    if (!isApp) {
      if (comma >= 0 && round === 0) return null;
      break;
    }
    if (role) appositive = role;
    const sm = ctx.mentionOf[k + 1]!;
    if (!named && sm >= 0 && isSpeakerType(ctx.mentions[sm]!.type) && ctx.mentionOf[end - 1] === sm)
      named = { a: k + 1, b: end };
    b = k;
    comma = -1;
    // Another appositive before this one only if the phrase before the comma is itself set off.
  }
  // "X, who said": the relative pronoun stands for the phrase before its comma.
  if (
    b - 1 > floor &&
    (toks[b - 1]!.lower === 'who' || toks[b - 1]!.lower === 'which') &&
    toks[b - 2]!.text === ','
  ) {
    return { a: b - 1, b };
  }
  // A personal pronoun is a whole phrase ("At the bottom it reads").
  if (b - 1 >= floor && SPEAKER_PRONOUNS.has(toks[b - 1]!.lower)) return { a: b - 1, b };
  let a = b;
  while (a > floor && b - a < 8) {
    const t = toks[a - 1]!;
    if (ctx.quoteOf[a - 1] !== -1) break;
    if (!t.word && !(t.text === '.' && a - 2 >= floor && toks[a - 2]!.word) && t.text !== '-') break;
    if (!t.word) {
      a--;
      continue;
    }
    if (ctx.mentionOf[a - 1] === -1 && NP_STOP.has(t.lower)) break;
    a--;
  }
  if (a >= b) return null;
  const pm = ctx.mentionOf[b - 1]!;
  const prep = toks[a - 1];
  // The object of a preposition is no subject: "In a note to the Courier, her adviser, Mark
  // Tan, said" (the name set off by commas), "Dalton at the time said" (the name before it).
  if (prep && a - 1 > floor && PREPOSITIONS.has(prep.lower) && rules.on('np.named-after-preposition')) {
    if (named) {
      rules.fire('np.named-after-preposition');
      return appositive ? { ...named, appositive } : named;
    }
  }
  if (
    prep &&
    a - 1 > floor &&
    PREPOSITIONS.has(prep.lower) &&
    (pm < 0 || !isSpeakerType(ctx.mentions[pm]!.type)) &&
    rules.on('np.name-before-preposition')
  ) {
    const om = ctx.mentionOf[a - 2]!;
    if (om >= 0 && isSpeakerType(ctx.mentions[om]!.type)) {
      let s0 = a - 2;
      while (s0 > floor && ctx.mentionOf[s0 - 1] === om) s0--;
      rules.fire('np.name-before-preposition');
      return appositive ? { a: s0, b: a - 1, appositive } : { a: s0, b: a - 1 };
    }
  }
  return appositive ? { a, b, appositive } : { a, b };
}

function isSpeakerType(t: string): boolean {
  return t === 'PERSON' || t === 'ORGANIZATION';
}

function isStop(t: string): boolean {
  return t === ';' || t === '!' || t === '?' || t === ':';
}

function hasLowerWord(ctx: Ctx, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const t = ctx.toks[i]!;
    if (t.word && !t.cap && !/^[0-9]/.test(t.text)) return true;
  }
  return false;
}

/** Object phrase starting at token `start` ("said State Department spokesman Tom Casey, ..."). */
export function npAfter(ctx: Ctx, start: number, ceil: number): Np | null {
  const { toks } = ctx;
  let b = start;
  while (b < ceil && b - start < 10) {
    const t = toks[b]!;
    if (ctx.quoteOf[b] !== -1) break;
    if (!t.word) {
      const joins =
        ((t.text === '.' || t.text === '-') && toks[b + 1]?.cap) ||
        // "said 2/14 widow Terry Quinn"
        (t.text === '/' && /^\d/.test(toks[b - 1]?.text ?? '') && /^\d/.test(toks[b + 1]?.text ?? ''));
      if (joins && b > start && toks[b - 1]!.word && toks[b + 1]?.word) b++;
      else break;
      continue;
    }
    if (ctx.mentionOf[b] === -1 && NP_STOP.has(t.lower) && b > start) break;
    if (ctx.mentionOf[b] === -1 && NP_STOP.has(t.lower)) return null;
    b++;
  }
  if (b === start) return null;
  let appositive: string | undefined;
  if (toks[b]?.text === ',') appositive = appositiveRole(ctx, b + 1);
  return appositive ? { a: start, b, appositive } : { a: start, b };
}

/**
 * Resolves a noun phrase to a speaker: entity name, pronoun, nominal or capitalised name.
 * `at` is the token position used for pronoun and nominal look-back.
 */
export function resolveNp(ctx: Ctx, d: Discourse, np: Np): Resolved | null {
  const { toks } = ctx;
  const { a, b } = np;
  const head = toks[b - 1]!;
  const rules = d.rules;
  // 1. A named mention heading the phrase.
  const mi = ctx.mentionOf[b - 1]!;
  if (mi >= 0 && rules.on('resolve.named')) {
    const m = ctx.mentions[mi]!;
    const name = d.canonical(m);
    const type = d.isPersonIndex(mi) ? 'PERSON' : m.type;
    let role: string | undefined;
    const ms = firstTokenIndex(ctx, m.start);
    if (ms > a) {
      const pre = premodifierStart(ctx, ms);
      if (pre < ms) role = ctx.text.slice(toks[Math.max(pre, a)]!.start, toks[ms - 1]!.end);
    }
    role ??= np.appositive ?? (type === 'PERSON' ? d.roleOf(name) : undefined);
    const mention = { text: m.text, start: m.start, end: m.end };
    rules.fire('resolve.named');
    return role ? { name, mention, type, role } : { name, mention, type };
  }
  // 2. A relative pronoun after a comma: the phrase before it, with "who" as the mention.
  if (
    b - a === 1 &&
    (head.lower === 'who' || head.lower === 'which') &&
    toks[a - 1]?.text === ',' &&
    rules.on('resolve.relative')
  ) {
    let inner = npBefore(ctx, a - 1, Math.max(0, a - 12), rules);
    // "Dan Pryce, now the Senate minority leader, who …": the name before an appositive.
    const named = inner && toks[inner.a - 1]?.text === ',' ? ctx.mentionOf[inner.a - 2]! : -1;
    if (inner && named >= 0 && ctx.mentionOf[inner.b - 1] === -1) {
      const ms = firstTokenIndex(ctx, ctx.mentions[named]!.start);
      if (ms >= inner.a - 12) inner = { a: ms, b: inner.a - 1 };
    }
    const sp = inner && inner.b - 1 !== a ? resolveNp(ctx, d, inner) : null;
    if (!sp) return null;
    rules.fire('resolve.relative');
    return { ...sp, mention: { text: head.text, start: head.start, end: head.end } };
  }
  // 3. A pronoun.
  if (b - a >= 1 && rules.on('resolve.pronoun')) {
    const kind = SPEAKER_PRONOUNS.get(head.lower.replace(/['’](s|re|ve|d|ll|m)$/, ''));
    if (kind && b - 1 === a) {
      const sp = resolvePronoun(ctx, d, b - 1, kind);
      if (sp) rules.fire('resolve.pronoun');
      return sp;
    }
    if (kind) return null;
  }
  // "Lena Brook and her team wrote": a name coordinated with its own group speaks for both.
  if (
    ctx.mentionOf[b - 1] === -1 &&
    b - a >= 2 &&
    OWN_GROUP_POSSESSIVES.has(toks[a]!.lower) &&
    toks[a - 1]?.lower === 'and' &&
    rules.on('np.name-and-own-group')
  ) {
    const mi = ctx.mentionOf[a - 2] ?? -1;
    if (mi >= 0 && isSpeakerType(ctx.mentions[mi]!.type) && ctx.quoteOf[a - 2] === -1) {
      const sp = resolveNp(ctx, d, { a: firstTokenIndex(ctx, ctx.mentions[mi]!.start), b: a - 1 });
      if (sp) {
        rules.fire('np.name-and-own-group');
        return sp;
      }
    }
  }
  // 3. A nominal.
  const hw = head.lower.replace(/\.$/, '');
  const nk = NOMINAL_HEADS.get(hw);
  if (nk && !head.cap && rules.on('resolve.nominal')) return resolveNominal(ctx, d, np, nk);
  // 4. A common-noun phrase: "the real estate developer", "officials", "a senior aide".
  if (
    !head.cap &&
    rules.on('resolve.description') &&
    (/^\p{Ll}/u.test(head.text) || /^[0-9]+-year-old$/.test(head.lower)) &&
    !NP_STOP.has(head.lower) &&
    !DETERMINERS.has(head.lower) &&
    !SPEAKER_PRONOUNS.has(head.lower)
  ) {
    const first = toks[a]!;
    if (
      DETERMINERS.has(first.lower) ||
      first.cap ||
      /^[0-9]/.test(first.text) ||
      (b - a <= 2 && head.lower.endsWith('s'))
    ) {
      if (!NOT_NAMES.has(head.lower) && !/ly$/.test(head.lower)) {
        rules.fire('resolve.description');
        return describe(ctx, np);
      }
    }
  }
  // 5. Capitalised name with no recognised mention.
  if (
    head.cap &&
    ctx.mentionOf[b - 1] === -1 &&
    !NOT_NAMES.has(head.lower) &&
    !head.lower.includes("'") &&
    rules.on('resolve.capitalised')
  ) {
    let s = b - 1;
    while (s > a && toks[s - 1]!.cap && toks[s - 1]!.word) s--;
    if (isTitleTok(toks[s]!.lower) && s === b - 1 && toks[s]!.lower.endsWith('.')) return null;
    if (SPEAKER_PRONOUNS.has(toks[s]!.lower) || DETERMINERS.has(toks[s]!.lower)) s++;
    if (s >= b) return null;
    const name = d.nameFromRun(s, b);
    rules.fire('resolve.capitalised');
    return {
      name,
      mention: {
        text: ctx.text.slice(toks[s]!.start, toks[b - 1]!.end),
        start: toks[s]!.start,
        end: toks[b - 1]!.end,
      },
    };
  }
  return null;
}

/** Possessives that tie a group to the name before "and": "X and her team", "X and his colleagues". */
const OWN_GROUP_POSSESSIVES: ReadonlySet<string> = new Set(['his', 'her', 'their', 'its']);

/**
 * A described person at token k whose noun tells `kind`'s gender, opened by a determiner ("one
 * mother", "a spokeswoman", "the man"): its tokens, or null. Not a possessive ("the woman's").
 */
function genderedDescription(ctx: Ctx, k: number, kind: string): Np | null {
  const t = ctx.toks[k]!;
  const words = kind === 'female' ? FEMALE_WORDS : kind === 'male' ? MALE_WORDS : null;
  if (!words?.has(t.lower) || t.cap) return null;
  const det = ctx.toks[k - 1];
  if (!det || !DETERMINERS.has(det.lower) || GENDERED_DETERMINERS.has(det.lower)) return null;
  return { a: k - 1, b: k + 1 };
}

/** Possessive determiners: "his mother" is someone's relative, named or not, no new speaker. */
const GENDERED_DETERMINERS: ReadonlySet<string> = new Set(['his', 'her', 'their', 'its', 'my', 'our']);

/** A noun phrase as its own speaker, described as written ("a defense ministry source"). */
export function describe(ctx: Ctx, np: Np): Resolved {
  const { toks } = ctx;
  const start = toks[np.a]!.start;
  const end = toks[np.b - 1]!.end;
  const text = ctx.text.slice(start, end);
  return { name: text, mention: { text, start, end } };
}

/**
 * A sentence opening with an organisation described by its head noun, before token `limit`:
 * "Clinton’s campaign", "The Trump administration", "The committee"; for "it", also a document
 * ("A letter this month from the staff association"). Its tokens, or null.
 */
function organizationSubject(ctx: Ctx, a: number, limit: number, documents: boolean): Np | null {
  const { toks } = ctx;
  for (let e = a + 1; e <= limit && e - a <= 5; e++) {
    const t = toks[e - 1]!;
    if (!t.word || ctx.quoteOf[e - 1] !== -1) return null;
    const document = documents && DOCUMENT_HEADS.has(t.lower);
    if (e - a >= 2 && !t.cap && (NOMINAL_HEADS.get(t.lower) === 'organization' || document)) {
      const first = toks[a]!;
      // "Clinton’s campaign", "Thursday's memo": a possessor opening the phrase.
      const owner = (ctx.mentionOf[a] !== -1 || first.cap) && /['’]s$/.test(toks[e - 2]!.text);
      const det = DEFINITE.has(first.lower) || (document && (first.lower === 'a' || first.lower === 'an'));
      if ((det || owner) && toks[e]?.text !== "'s") return { a, b: e };
      return null;
    }
  }
  return null;
}

/** A definite nominal of at most this many tokens links to a named entity ("the spokesman"). */
const NOMINAL_LINK_MAX = 3;
/** How far back a nominal looks for the entity it stands for: sentences, and tokens. */
const NOMINAL_BACK_SENTENCES = 6;
const NOMINAL_BACK_TOKENS = 400;

function resolveNominal(ctx: Ctx, d: Discourse, np: Np, kind: 'person' | 'organization'): Resolved {
  const { toks } = ctx;
  const det = toks[np.a]!.lower;
  const head = toks[np.b - 1]!.lower;
  const nominal = describe(ctx, np);
  const rules = d.rules;
  rules.fire('resolve.nominal');
  // An organisation noun ("the company") stays a description: linking it to a named
  // organisation earned nothing in the ablation on train.
  if (kind !== 'person' || !DEFINITE.has(det) || np.b - np.a > NOMINAL_LINK_MAX) return nominal;
  const here = np.a;
  const sent = ctx.sentOf[here]!;
  const minSent = Math.max(0, sent - NOMINAL_BACK_SENTENCES);
  const floorTok = Math.max(ctx.sentStart[minSent]!, here - NOMINAL_BACK_TOKENS);
  // Walk mentions backwards from the phrase.
  let k = here - 1;
  while (k >= floorTok) {
    const mi = ctx.mentionOf[k]!;
    if (mi >= 0 && ctx.quoteOf[k] === -1) {
      const m = ctx.mentions[mi]!;
      if (d.isPersonIndex(mi)) {
        const name = d.canonical(m);
        const roles = d.roles.get(name) ?? [];
        if (roles.some((r) => r.toLowerCase().includes(head)) && rules.on('nominal.role-link')) {
          rules.fire('nominal.role-link');
          return { name, mention: nominal.mention, type: 'PERSON', role: roles[0]! };
        }
      }
      k = firstTokenIndex(ctx, m.start) - 1;
      continue;
    }
    k--;
  }
  return nominal;
}

/** The narrator of a first-person article: never a third person's antecedent. */
const AUTHOR = 'the author';

/** Does token p sit in a paragraph opening with a capitals speaker label and a colon? */
function inTranscriptTurn(ctx: Ctx, p: number): boolean {
  const k = firstTokenIndex(ctx, ctx.paras[ctx.toks[p]!.para]!.start);
  const colon = labelColon(ctx, k);
  return colon > k && colon < p && isCapitalsLabel(ctx, k, colon);
}

/** A pronoun's own sentence is searched back this many tokens. */
const PRONOUN_SENTENCE_TOKENS = 200;
/** Earlier sentences searched for a he/she antecedent, and for an it/they one. */
const PERSONAL_BACK_SENTENCES = 5;
const OTHER_BACK_SENTENCES = 2;
/** The antecedent search stops this many paragraphs or tokens back. */
const PRONOUN_BACK_PARAGRAPHS = 3;
const PRONOUN_BACK_TOKENS = 800;
/** Tokens of one earlier sentence scanned for an antecedent. */
const PRONOUN_SENTENCE_SCAN = 300;
/** Earlier speakers a pronoun may go back to, and how many paragraphs back. */
const LAST_SPEAKERS = 40;
const LAST_SPEAKER_PARAGRAPHS = 6;

/** Resolves a speaker pronoun at token p to the nearest compatible earlier entity. */
export function resolvePronoun(
  ctx: Ctx,
  d: Discourse,
  p: number,
  kind: 'male' | 'female' | 'plural' | 'neuter' | 'first',
): Resolved | null {
  const { toks } = ctx;
  const pron = toks[p]!;
  const mention = { text: pron.text, start: pron.start, end: pron.end };
  // The narrator's "I" (outside quotation marks) is the article's author, except in a transcript
  // turn ("FALLIN: Well, I think …"), where it is the turn's speaker.
  const rules = d.rules;
  if (kind === 'first') {
    if (!(pron.text === 'I' && !inTranscriptTurn(ctx, p) && rules.on('pronoun.author'))) return null;
    rules.fire('pronoun.author');
    return { name: AUTHOR, mention };
  }
  const sent = ctx.sentOf[p]!;
  const fits = (mi: number): boolean => {
    const m = ctx.mentions[mi]!;
    if (kind === 'male' || kind === 'female') {
      if (!d.isPersonIndex(mi)) return false;
      const g = d.gender(d.canonical(m));
      return g === null || g === kind;
    }
    return m.type === 'ORGANIZATION' || (kind === 'neuter' && m.type === 'LOCATION' && false);
  };
  const found = (mi: number, id: string): Resolved => {
    rules.fire(id);
    const m = ctx.mentions[mi]!;
    const name = d.canonical(m);
    const type = d.isPersonIndex(mi) ? 'PERSON' : m.type;
    const role = type === 'PERSON' ? d.roleOf(name) : undefined;
    return role ? { name, mention, type, role } : { name, mention, type };
  };
  // Current sentence, before the pronoun: its subject when that fits ("Rubio said … of Trump,
  // whom he called …"), else the nearest fitting mention.
  const s0 = ctx.sentStart[sent]!;
  const subj = ctx.mentionOf[s0]!;
  if (s0 < p && subj >= 0 && ctx.quoteOf[s0] === -1 && fits(subj) && rules.on('pronoun.sentence-subject'))
    return found(subj, 'pronoun.sentence-subject');
  if (rules.on('pronoun.same-sentence')) {
    for (let k = p - 1; k >= s0 && p - k < PRONOUN_SENTENCE_TOKENS; k--) {
      const mi = ctx.mentionOf[k]!;
      if (mi >= 0 && ctx.quoteOf[k] === -1 && fits(mi)) return found(mi, 'pronoun.same-sentence');
    }
  }
  // Previous sentences, most recent first; within one, left to right (the subject first).
  const personal = kind === 'male' || kind === 'female';
  const maxBack = !rules.on('pronoun.earlier-sentences')
    ? 0
    : personal
      ? PERSONAL_BACK_SENTENCES
      : OTHER_BACK_SENTENCES;
  let paraGap = 0;
  // Sentences wholly inside quotations are skipped, not counted: "he" after a long quotation
  // still reaches the narration before it.
  let counted = 0;
  for (let s = sent - 1; s >= 0 && counted < maxBack; s--) {
    const a = ctx.sentStart[s]!;
    const b = ctx.sentStart[s + 1]!;
    if (ctx.quoteOf[a] !== -1 && ctx.quoteOf[b - 1] !== -1) continue;
    counted++;
    if (toks[a]!.para !== toks[p]!.para) paraGap = toks[p]!.para - toks[a]!.para;
    if (paraGap > PRONOUN_BACK_PARAGRAPHS) break;
    if (p - a > PRONOUN_BACK_TOKENS) break;
    // "WIRED spoke to one mother, who … ¶ “…,” she said": a described person whose noun tells the
    // pronoun's gender, before any name of that gender in the sentence, is its antecedent.
    let described: Np | null = null;
    for (let k = a; k < b && k - a < PRONOUN_SENTENCE_SCAN; k++) {
      const mi = ctx.mentionOf[k]!;
      if (mi >= 0 && ctx.quoteOf[k] === -1 && fits(mi)) {
        if (described && d.gender(d.canonical(ctx.mentions[mi]!)) === null) break;
        return found(mi, 'pronoun.earlier-sentences');
      }
      if (
        !described &&
        personal &&
        mi < 0 &&
        ctx.quoteOf[k] === -1 &&
        rules.on('pronoun.gendered-description')
      )
        described = genderedDescription(ctx, k, kind);
    }
    if (described) {
      rules.fire('pronoun.gendered-description');
      return { ...describe(ctx, described), mention };
    }
  }
  // "Donald Trump’s campaign is defending … It’s denouncing what it calls …": an organisation
  // described by its head noun, opening this sentence or the one before.
  if (!personal) {
    // Sentences of quotation only (or a lone mark) are passed over, not counted.
    for (
      let s = sent, seen = 0;
      s >= 0 && seen < 2 && sent - s < 6 && rules.on('pronoun.organization-subject');
      s--
    ) {
      const a = ctx.sentStart[s]!;
      if (ctx.quoteOf[a] !== -1 || !toks[a]!.word) continue;
      seen++;
      const np = organizationSubject(ctx, a, p, kind === 'neuter');
      if (np) {
        rules.fire('pronoun.organization-subject');
        return { ...describe(ctx, np), mention };
      }
    }
    // `“…,” the Times wrote. ¶ “…,” it added.`: the previous quotation's speaker, when that was
    // no person.
    for (
      let i = d.lastSpeakers.length - 1;
      i >= 0 && i >= d.lastSpeakers.length - LAST_SPEAKERS && rules.on('pronoun.last-organization');
      i--
    ) {
      const last = d.lastSpeakers[i]!;
      if (last.tok >= p || last.name === AUTHOR) continue;
      if (last.type === 'PERSON' || toks[p]!.para - toks[last.tok]!.para > 2) break;
      rules.fire('pronoun.last-organization');
      return last.type ? { name: last.name, mention, type: last.type } : { name: last.name, mention };
    }
  }
  // Further back: the latest earlier speaker of that gender, within a few paragraphs.
  if (personal && rules.on('pronoun.last-speaker')) {
    for (let i = d.lastSpeakers.length - 1; i >= 0 && i >= d.lastSpeakers.length - LAST_SPEAKERS; i--) {
      const sp = d.lastSpeakers[i]!;
      if (sp.tok >= p || sp.name === AUTHOR) continue;
      if (toks[p]!.para - toks[sp.tok]!.para > LAST_SPEAKER_PARAGRAPHS) break;
      if (sp.type !== undefined && sp.type !== 'PERSON') continue;
      const g = d.gender(sp.name);
      if (g === null || g === kind) {
        rules.fire('pronoun.last-speaker');
        const role = d.roleOf(sp.name);
        return role
          ? { name: sp.name, mention, type: 'PERSON', role }
          : { name: sp.name, mention, type: 'PERSON' };
      }
    }
  }
  return null;
}
