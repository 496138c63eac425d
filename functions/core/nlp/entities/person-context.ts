/**
 * What the words around a person mention say about who it is: the title or position before or
 * beside the name (its role), the gender an honorific or a gendered title shows, and whether the
 * text introduces the person as someone's relative (`his son Tom Smith`) or names them as the
 * parent of a relative (`Smith's son`). Reads a bounded window on each side: linear overall.
 */
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { FEMALE_HONORIFICS, MALE_HONORIFICS } from '../../lexicon/honorifics.ts';
import {
  ABBREVIATIONS,
  FEMALE_KIN,
  FEMALE_POSITIONS,
  HONORIFICS,
  KIN_NOUNS,
  MALE_KIN,
  MALE_POSITIONS,
  POSITION_HEADS,
  POSITION_MODIFIERS,
} from '../../lexicon/positions.ts';

export type Gender = 'male' | 'female';

export interface PersonContext {
  /** The name without the titles and honorifics that open the mention, as written. */
  readonly name: string;
  /** Honorific before the name (inside or outside the mention), as written (`Mrs.`). */
  readonly honorific?: string;
  /** Title or position before the name (inside or outside the mention) or beside it, as written. */
  readonly role?: string;
  /** The role for comparison: lower case, abbreviations spelled out, `former` and the like dropped. */
  readonly roleKey?: string;
  readonly gender?: Gender;
  /** Introduced as someone's relative (`his son Tom Smith`, `Tom Smith, her brother,`). */
  readonly kin: boolean;
  /** Named as the holder of a relative (`Smith's son`), who is someone else. */
  readonly kinPossessor: boolean;
}

const EXPAND: Readonly<Record<string, string>> = {
  sen: 'senator',
  rep: 'representative',
  gov: 'governor',
  gen: 'general',
  adm: 'admiral',
  col: 'colonel',
  lt: 'lieutenant',
  maj: 'major',
  capt: 'captain',
  sgt: 'sergeant',
  cpl: 'corporal',
  pvt: 'private',
  cmdr: 'commander',
  det: 'detective',
  insp: 'inspector',
  supt: 'superintendent',
  prof: 'professor',
  dr: 'doctor',
  rev: 'reverend',
  pres: 'president',
};
const TEMPORAL = new Set(['former', 'then', 'acting', 'interim', 'incoming', 'outgoing', 'retired']);
const ARTICLES = new Set(['the', 'a', 'an', 'this', 'that']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my']);
const CLAUSE_WORDS = new Set(['who', 'which', 'that', 'and', 'or', 'but', 'said', 'says', 'is', 'was']);

/** A word as the lexicons spell it: lower case, without a final dot. */
function bare(word: string): string {
  const w = word.toLowerCase();
  return w.endsWith('.') ? w.slice(0, -1) : w;
}

const isHead = (w: string) => POSITION_HEADS.has(bare(w));
const isTitleWord = (w: string) => isHead(w) || POSITION_MODIFIERS.has(bare(w));

/** Comparable form of a role: `Sen.` = `Senator`, `former Gov.` = `Governor`. */
export function roleKey(role: string): string {
  return role
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/\s+/)
    .map((w) => (w.endsWith('.') ? w.slice(0, -1) : w))
    .filter((w) => w && !TEMPORAL.has(w))
    .map((w) => EXPAND[w] ?? w)
    .join(' ');
}

/** Gender a title or position tells (`Congresswoman`, `King`), from its first gendered word. */
function positionGender(words: readonly string[]): Gender | undefined {
  for (const w of words) {
    const b = bare(w);
    if (MALE_POSITIONS.has(b)) return 'male';
    if (FEMALE_POSITIONS.has(b)) return 'female';
  }
  return undefined;
}

/** Gender a kinship noun tells (`husband`, `daughter`). */
function kinGender(noun: string | undefined): Gender | undefined {
  if (noun === undefined) return undefined;
  if (MALE_KIN.has(noun)) return 'male';
  if (FEMALE_KIN.has(noun)) return 'female';
  return undefined;
}

function honorificGender(word: string | undefined): Gender | undefined {
  if (word === undefined) return undefined;
  const b = bare(word);
  if (MALE_HONORIFICS.has(b)) return 'male';
  if (FEMALE_HONORIFICS.has(b)) return 'female';
  return undefined;
}

/** Does a word end its sentence: a final dot that is no abbreviation or initial (`president.`)? */
function endsSentence(word: string): boolean {
  if (!word.endsWith('.')) return false;
  const b = bare(word);
  return !ABBREVIATIONS.has(b) && !/^(?:\p{L}\.)*\p{L}$/u.test(b);
}

/**
 * The leading title words of a mention (`Ambassador`, `Vice President`, `Mr.`), when they end in
 * a head word or an honorific and leave a name after them.
 */
function leadingTitle(words: readonly string[]): number {
  let end = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i]!;
    // `Dean Ortiz` is a man called Dean: a known first name opening a name is no title.
    if (i === 0 && (MALE_FIRST_NAMES.has(w.toLowerCase()) || FEMALE_FIRST_NAMES.has(w.toLowerCase()))) break;
    if (HONORIFICS.has(bare(w))) {
      end = i + 1;
      break;
    }
    if (!isTitleWord(w)) break;
    if (isHead(w)) end = i + 1;
  }
  return end;
}

/** The title right before offset `start` in `text` (`Defense Secretary`, `Secretary of State`). */
export function titleBefore(
  text: string,
  start: number,
): { role?: string; honorific?: string; kin: boolean; kinNoun?: string } {
  const toks = tokensBefore(text, start, 8);
  let i = toks.length - 1;
  if (i < 0) return { kin: false };
  const last = toks[i]!;
  if (endsSentence(last.w)) return { kin: false };
  if (HONORIFICS.has(bare(last.w)) && /^\p{Lu}/u.test(last.w)) return { honorific: last.w, kin: false };
  // `Secretary of State Jan Smith`: a head, `of`, then one or two capitalised words.
  const end = i;
  if (!isHead(last.w)) {
    let j = i;
    while (j > i - 2 && j >= 0 && /^\p{Lu}/u.test(toks[j]!.w) && !isHead(toks[j]!.w)) j--;
    if (j < i && j >= 1 && toks[j]!.w === 'of' && isHead(toks[j - 1]!.w)) i = j - 1;
    else {
      // `his son Tom Smith`, `the mayor's daughter, Ann`.
      const k = last.w === ',' ? i - 1 : i;
      const noun = k >= 0 ? toks[k]!.w.toLowerCase() : '';
      return KIN_NOUNS.has(noun) ? { kin: true, kinNoun: noun } : { kin: false };
    }
  }
  let first = i;
  while (first > 0 && first > i - 4 && isTitleWord(toks[first - 1]!.w) && !endsSentence(toks[first - 1]!.w))
    first--;
  // `Then Ambassador Varga`: a capitalised `Then` opens the sentence, it does not date the title.
  if (first < end && toks[first]!.w === 'Then') first++;
  // `the federal judge Trump attacked`: a title in lower case after an article describes
  // someone else, and the name opens a clause of its own.
  if (first > 0 && /^\p{Ll}/u.test(toks[first]!.w) && ARTICLES.has(toks[first - 1]!.w.toLowerCase()))
    return { kin: false };
  return { role: text.slice(toks[first]!.s, toks[end]!.e), kin: false };
}

/** Letters, digits and the marks inside words (`U.S.`, `mayor's`, `vice-president`). */
function isWordChar(c: number): boolean {
  if (c < 128) {
    return (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 46 ||
      c === 39 ||
      c === 45
    );
  }
  return c === 0x2019 || /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
}

const INNER_MARK = /^[.'’-]+$/;

/**
 * Up to `max` tokens ending right before `start`, in text order: words (with their inner dots,
 * apostrophes and hyphens, and a final dot) and single punctuation characters. A line break is a
 * token, so a title never reaches across lines.
 */
function tokensBefore(text: string, start: number, max: number): { w: string; s: number; e: number }[] {
  const out: { w: string; s: number; e: number }[] = [];
  let p = start;
  while (out.length < max && p > 0) {
    const c = text.charCodeAt(p - 1);
    if (c === 32 || c === 9 || c === 0xa0) {
      p--;
      continue;
    }
    let q = p;
    while (q > 0 && isWordChar(text.charCodeAt(q - 1))) q--;
    let s = q;
    while (s < p && INNER_MARK.test(text[s]!)) s++;
    if (s === p) {
      out.push({ w: text[p - 1]!, s: p - 1, e: p });
      p--;
    } else {
      out.push({ w: text.slice(s, p), s, e: p });
      p = s;
    }
  }
  return out.reverse();
}

/** The appositive after a name (`, the ambassador to Peru,`), when it gives a role or kinship. */
function appositive(
  text: string,
  end: number,
): { role?: string; roleWords?: string[]; kin: boolean; kinNoun?: string } {
  if (text.charCodeAt(end) !== 44) return { kin: false }; // ','
  const toks = tokensAfter(text, end + 1, 10);
  const words: string[] = [];
  let closed = false;
  for (const t of toks) {
    if (t.w === ',' || t.w === ';' || t.w === ':' || t.w === '.') {
      closed = true;
      break;
    }
    if (!/^[\p{L}\p{N}]/u.test(t.w)) return { kin: false };
    words.push(t.w);
    if (endsSentence(t.w)) {
      words[words.length - 1] = t.w.slice(0, -1);
      closed = true;
      break;
    }
  }
  if (!closed || words.length === 0 || words.length > 8) return { kin: false };
  if (words.some((w) => CLAUSE_WORDS.has(w.toLowerCase()))) return { kin: false };
  const first = words[0]!;
  const opens = DETERMINERS.has(first.toLowerCase()) || /[’']s$/u.test(first) || isTitleWord(first);
  if (!opens) return { kin: false };
  const kinNoun = words.map((w) => w.toLowerCase()).find((w) => KIN_NOUNS.has(w));
  if (kinNoun) return { kin: true, kinNoun };
  const head = words.findIndex(isHead);
  if (head < 0) return { kin: false };
  const from = /^(?:the|a|an)$/i.test(first) ? 1 : 0;
  return { role: words.slice(from).join(' '), roleWords: words.slice(head, head + 1), kin: false };
}

/** Up to `max` tokens from `start` on, as `tokensBefore` reads them, in text order. */
function tokensAfter(text: string, start: number, max: number): { w: string; s: number; e: number }[] {
  const out: { w: string; s: number; e: number }[] = [];
  let p = start;
  while (out.length < max && p < text.length) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9 || c === 0xa0) {
      p++;
      continue;
    }
    let q = p;
    while (q < text.length && isWordChar(text.charCodeAt(q))) q++;
    // Marks opening a word (`'`, `-`) are punctuation of their own.
    let s0 = p;
    while (s0 < q && INNER_MARK.test(text[s0]!) && text[s0] !== '.') s0++;
    if (s0 > p || q === p) {
      out.push({ w: text[p]!, s: p, e: p + 1 });
      p++;
      continue;
    }
    // A final dot stays on the word (`Mrs.`, `president.`); other final marks do not.
    let e = q;
    while (e > p + 1 && /['’-]/.test(text[e - 1]!)) e--;
    out.push({ w: text.slice(p, e), s: p, e });
    p = e;
  }
  return out;
}

const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/** Does `s` end, at `end`, with a possessive `'s`? */
function endsPossessive(s: string, end: number): boolean {
  return end >= 2 && (s[end - 1] === 's' || s[end - 1] === 'S') && isApostrophe(s.charCodeAt(end - 2));
}

/** Is the phrase made only of title words ending in a head (`CEO`, `Vice President`, `Sen.`)? */
export function isTitleOnly(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  return words.length > 0 && words.every(isTitleWord) && isHead(words[words.length - 1]!);
}

/**
 * A mention split into the title or honorific that opens it and the name after it
 * (`Ambassador Verbeek` -> `Ambassador`, `Verbeek`); no title when it has none.
 */
export function splitLeadingTitle(mentionText: string): { title: string; name: string } {
  const words = mentionText.trim().split(/\s+/);
  const lead = words.length > 1 ? leadingTitle(words) : 0;
  return { title: words.slice(0, lead).join(' '), name: words.slice(lead).join(' ') };
}

/**
 * The context of the person mention `mentionText` at [start, end) of `text`: its own leading
 * titles, else the title or kinship right before it; for a full name (`full`), the appositive
 * after it; and whether it holds a relative (`Smith's son`). Without the text, only the mention's
 * own words count.
 */
export function personContext(
  mentionText: string,
  start: number,
  end: number,
  text: string | undefined,
  full: boolean,
): PersonContext {
  const words = mentionText.trim().split(/\s+/);
  const lead = words.length > 1 ? leadingTitle(words) : 0;
  const titleWords = words.slice(0, lead);
  const name = words.slice(lead).join(' ');
  const inside = titleWords.filter((w) => !HONORIFICS.has(bare(w)));
  let honorific = titleWords.find((w) => HONORIFICS.has(bare(w)));
  let role = inside.length ? inside.join(' ') : undefined;
  let gender = honorificGender(titleWords.find((w) => HONORIFICS.has(bare(w)))) ?? positionGender(inside);
  let kin = false;
  let kinPossessor = false;
  if (text !== undefined) {
    if (!role) {
      const before = titleBefore(text, start);
      role = before.role;
      kin = before.kin;
      honorific ??= before.honorific;
      gender ??=
        honorificGender(before.honorific) ??
        positionGender((before.role ?? '').split(' ')) ??
        kinGender(before.kinNoun);
    }
    if (full) {
      const app = appositive(text, end);
      if (app.kin) kin = true;
      role ??= app.role;
      if (app.roleWords && !gender) gender = positionGender(app.roleWords);
      gender ??= kinGender(app.kinNoun);
    } else {
      // A shorter mention takes only kinship from its appositive (`Mr. Smith, her husband,`).
      const app = appositive(text, end);
      if (app.kin) {
        kin = true;
        gender ??= kinGender(app.kinNoun);
      }
    }
    // `Smith's son`, `Smith's younger daughter`: the possessive may be inside the mention or after it.
    const inner = endsPossessive(mentionText, mentionText.length);
    const tail = inner
      ? text.slice(end, end + 40)
      : isApostrophe(text.charCodeAt(end)) && (text[end + 1] === 's' || text[end + 1] === 'S')
        ? text.slice(end + 2, end + 40)
        : undefined;
    if (tail !== undefined)
      kinPossessor = tail
        .trim()
        .split(/\s+/)
        .slice(0, 2)
        .some((w) => KIN_NOUNS.has(w.toLowerCase().replace(/[^\p{L}-]/gu, '')));
  }
  return {
    name: name || mentionText.trim(),
    ...(honorific ? { honorific } : {}),
    ...(role ? { role, roleKey: roleKey(role) } : {}),
    ...(gender ? { gender } : {}),
    kin,
    kinPossessor,
  };
}
