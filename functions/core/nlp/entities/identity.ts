/**
 * Identity keys: the one key a person (or organisation, place, work) gets in every article, so the
 * table can gather one man's quotes from articles that name him differently.
 *
 * - Every name: Unicode compatibility form, diacritics and special letters folded (`José` = `Jose`,
 *   `Søren` = `Soren`), lower case, curly apostrophes straight, dots removed (`U.S.` = `US`),
 *   other punctuation dropped, single spaces, a leading `the` dropped (not for people).
 * - People, also: leading honorifics and titles dropped (`Mr.`, `Sen.`, `Ambassador`), degrees and
 *   honours after the name dropped (`PhD`, `Esq.`, `OBE`), middle initials dropped
 *   (`Donald J. Trump` = `Donald Trump`), generational suffixes kept in one spelling (`Jr.` =
 *   `Junior` = `jr`: a father and his son are two people), and the endings of transliterated
 *   Slavic names folded (`Zelenskiy`, `Zelenskyy`, `Zelenskyi` = `Zelensky`; `-off` = `-ov`).
 *
 * Known limit: two people whose full names differ only by middle initials share a key.
 */
import { TITLES } from '../../lexicon/honorifics.ts';
import type { Entity, EntityMention, EntityType, Quote } from '../../types.ts';

/** Longest identity key kept (UTF-16 units); far below DynamoDB's key limits even in 3-byte UTF-8. */
export const MAX_IDENTITY_CHARS = 200;

const GENERATIONAL: ReadonlyMap<string, string> = new Map([
  ['jr', 'jr'],
  ['junior', 'jr'],
  ['sr', 'sr'],
  ['senior', 'sr'],
  ['ii', 'ii'],
  ['iii', 'iii'],
  ['iv', 'iv'],
]);

/** Degrees and honours written after a name; never part of who the person is. */
const DEGREES: ReadonlySet<string> = new Set(
  'phd md esq esquire dds dmd jd mba cpa rn obe mbe cbe kbe dbe qc kc mp mep frs'.split(' '),
);

/** Words that belong to the surname that follows them (`van der Berg`, `de la Cruz`, `bin Salman`). */
const PARTICLES: ReadonlySet<string> = new Set(
  "van von der den de del della di da das dos du la le al el bin ibn ben st ter ten zu mac d' o'".split(' '),
);

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Lower case with diacritics and special letters folded (`Łukasz Nørgård` -> `lukasz norgard`). */
export function foldLetters(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øłđðßæœþıħ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFKC');
}

/**
 * A word's spelling with the endings of transliterated names folded, for words of five letters or
 * more: `-iy`, `-yy`, `-yi`, `-ij`, `-ii` -> `-y` (`zelenskiy` -> `zelensky`), `-off` -> `-ov`.
 */
export function foldVariant(word: string): string {
  if (word.length < 5) return word;
  if (/(?:iy|yy|yi|ij|ii)$/.test(word)) return word.slice(0, -2) + 'y';
  if (word.length >= 6 && word.endsWith('off')) return word.slice(0, -2) + 'v';
  return word;
}

/** Folded words of a name; `dots` says whether a dot separates words (people) or vanishes (`U.S.`). */
function foldedWords(name: string, dotsSeparate: boolean): string[] {
  return foldLetters(name)
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/'s$/u, '')
    .replace(/\./g, dotsSeparate ? ' ' : '')
    .split(/[\s,;:/]+/u)
    .map((w) => w.replace(/[^\p{L}\p{N}'&-]+/gu, '').replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 0);
}

/**
 * Key of any name without the person-specific folding (organisations, places, works, queries):
 * `The U.S. Senate` -> `us senate`; spaced single letters join (`U N` -> `un`).
 */
export function plainKey(name: string): string {
  const out: string[] = [];
  let letters = -1; // index in `out` of a word made of single letters so far
  for (const w of foldedWords(name, false)) {
    const single = w.length === 1 && /\p{L}/u.test(w);
    if (single && letters === out.length - 1 && letters >= 0) out[letters] += w;
    else {
      out.push(w);
      letters = single ? out.length - 1 : -1;
    }
  }
  if (out.length > 1 && out[0] === 'the') out.shift();
  return cap(out.join(' '));
}

/** The folded words of a person's name: titles, degrees and middle initials gone, suffix last. */
export function personWords(name: string): string[] {
  // Dots only mark abbreviations here: `J.` is an initial, `Sen.` a title.
  let ws = foldedWords(name, true);
  while (ws.length > 1 && (TITLES.has(ws[0]!) || TITLES.has(`${ws[0]}.`))) ws = ws.slice(1);
  while (ws.length > 1 && DEGREES.has(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
  let suffix: string | undefined;
  if (ws.length > 2 || (ws.length === 2 && GENERATIONAL.has(ws[1]!) && ws[1] !== 'ii')) {
    const g = GENERATIONAL.get(ws[ws.length - 1]!);
    if (g) {
      suffix = g;
      ws = ws.slice(0, -1);
    }
  }
  // Leading initials are the first name (`J. K. Rowling` -> `jk rowling`); after a first name,
  // single letters before the last word are middle initials (`Donald J. Trump` -> `donald trump`).
  let lead = 0;
  while (lead < ws.length - 1 && ws[lead]!.length === 1) lead++;
  if (lead > 0) ws = [ws.slice(0, lead).join(''), ...ws.slice(lead)];
  else if (ws.length > 2) ws = [ws[0]!, ...ws.slice(1, -1).filter((w) => w.length > 1), ws[ws.length - 1]!];
  ws = ws.map(foldVariant);
  return suffix ? [...ws, suffix] : ws;
}

/** Identity key of a person's name (`Mr. Donald J. Trump` -> `donald trump`). */
export function personKey(name: string): string {
  return cap(personWords(name).join(' '));
}

/**
 * The identity key of an entity or speaker name: the same in every article for the same person
 * (PERSON, or a speaker of unknown type written like a person's name) or the same organisation,
 * place or work.
 */
export function identityKey(name: string, type?: EntityType): string {
  if (type === 'PERSON') return personKey(name) || plainKey(name);
  return plainKey(name);
}

/**
 * The surname keys of a person's identity key: the last word with the particles before it
 * (`jan van der berg` -> `van der berg`, then `berg`), never a generational suffix
 * (`donald trump jr` -> `trump`). Empty for a one-word name.
 */
export function surnameKeys(key: string): string[] {
  let ws = key.split(' ');
  if (ws.length > 2 && [...GENERATIONAL.values()].includes(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
  if (ws.length < 2) return [];
  let s = ws.length - 1;
  while (s > 1 && PARTICLES.has(ws[s - 1]!)) s--;
  const out = [ws.slice(s).join(' ')];
  if (s < ws.length - 1) out.push(ws[ws.length - 1]!);
  return out;
}

/**
 * The keys a user's query may match, in the order to try: the plain key first (`General Motors`
 * stays whole), then the person key (`Mr. Trump` -> `trump`, `Donald J. Trump` -> `donald trump`)
 * when it differs.
 */
export function lookupKeys(query: string): string[] {
  const keys = [plainKey(query)];
  const person = personKey(query);
  if (person && !keys.includes(person)) keys.push(person);
  return keys.filter((k) => k.length > 0);
}

function cap(s: string): string {
  if (s.length <= MAX_IDENTITY_CHARS) return s;
  let end = MAX_IDENTITY_CHARS;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end).trimEnd();
}

/** At most this many aliases (surface forms) and lookup keys are kept per identity and article. */
export const MAX_ALIASES = 8;
const MAX_ALIAS_CHARS = 100;

const NAMED: ReadonlySet<EntityType> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC']);

/** One identity named in an article: an entity (of one or more types) or a speaker who is no entity. */
export interface IdentityRecord {
  /** The identity key, the same in every article. */
  readonly key: string;
  /** Display name: the in-document canonical name with the most mentions. */
  readonly name: string;
  /** Entity types the article gives it; empty for a speaker the recogniser did not name. */
  readonly types: readonly EntityType[];
  /** Distinct surface forms seen in the article (`Mr. Trump`, `Donald J. Trump`), first first. */
  readonly aliases: readonly string[];
  /** Keys a lookup may use to find it: its identity key, its surname, the keys of its aliases. */
  readonly lookupKeys: readonly string[];
  readonly role?: string;
  readonly mentions: number;
  readonly quotes: number;
}

export interface ArticleIdentities {
  /** Distinct identities of the article, in order of first appearance. */
  readonly records: readonly IdentityRecord[];
  /** The identity of each entity (by index into the entities given); undefined for numbers and dates. */
  readonly ofEntity: readonly (IdentityRecord | undefined)[];
  /** The identity of each quote's speaker (by index into the quotes given), if it has one. */
  readonly ofQuote: readonly (IdentityRecord | undefined)[];
}

interface Draft {
  key: string;
  name: string;
  nameMentions: number;
  types: EntityType[];
  aliases: string[];
  lookupKeys: string[];
  role?: string;
  mentions: number;
  quotes: number;
}

function cleanAlias(text: string): string {
  return text
    .replace(/[’']s$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ALIAS_CHARS);
}

function addUnique(list: string[], value: string, max = MAX_ALIASES): void {
  if (!value || list.length >= max) return;
  const lower = value.toLowerCase();
  if (!list.some((v) => v.toLowerCase() === lower)) list.push(value);
}

/** Does a speaker name of unknown type read like a person's name (every word capitalised)? */
function looksLikePersonName(name: string): boolean {
  const ws = name.trim().split(/\s+/);
  return ws.length >= 2 && ws.length <= 5 && ws.every((w) => /^\p{Lu}/u.test(w));
}

/**
 * The identities of one article: every named entity and every speaker gets one, with the aliases
 * seen and the keys a lookup may use. A speaker is the entity its mention lies in (`Trump` in
 * `Trump said`), else the entity of its name (a pronoun resolved to `Donald Trump`), else an
 * identity of its own (`the Tidewater port board`, which only contains an entity). Pure; linear in the mentions and quotes.
 */
export function articleIdentities(
  mentions: readonly EntityMention[],
  entities: readonly Entity[],
  quotes: readonly Quote[],
): ArticleIdentities {
  const drafts = new Map<string, Draft>();
  const order: Draft[] = [];
  const draftFor = (key: string, name: string): Draft => {
    let d = drafts.get(key);
    if (!d) {
      d = { key, name, nameMentions: -1, types: [], aliases: [], lookupKeys: [], mentions: 0, quotes: 0 };
      drafts.set(key, d);
      order.push(d);
    }
    return d;
  };
  // Surface forms of each in-document entity.
  const surfaces = new Map<string, string[]>();
  for (const m of mentions) {
    if (!NAMED.has(m.type)) continue;
    const k = `${m.type}\u0000${m.canonical}`;
    const list = surfaces.get(k) ?? [];
    if (!surfaces.has(k)) surfaces.set(k, list);
    addUnique(list, cleanAlias(m.text), MAX_ALIASES * 2);
  }
  const byEntity = new Map<string, Draft>();
  const ofEntity = entities.map((e) => {
    if (!NAMED.has(e.type)) return undefined;
    const key = identityKey(e.name, e.type);
    if (!key) return undefined;
    const d = draftFor(key, e.name);
    if (e.mentions > d.nameMentions) {
      d.name = e.name;
      d.nameMentions = e.mentions;
    }
    if (!d.types.includes(e.type)) d.types.push(e.type);
    d.mentions += e.mentions;
    if (!d.role && e.role) d.role = e.role;
    addUnique(d.aliases, cleanAlias(e.name));
    const keyOf = (s: string) => identityKey(s, e.type);
    addUnique(d.lookupKeys, key);
    if (e.type === 'PERSON') for (const s of surnameKeys(key)) addUnique(d.lookupKeys, s);
    for (const s of surfaces.get(`${e.type}\u0000${e.name}`) ?? []) {
      addUnique(d.aliases, s);
      addUnique(d.lookupKeys, keyOf(s));
    }
    byEntity.set(`${e.type}\u0000${e.name}`, d);
    return d;
  });
  const byName = new Map<string, Draft>();
  for (const e of entities) {
    const d = byEntity.get(`${e.type}\u0000${e.name}`);
    if (d && (!byName.has(e.name) || e.type === 'PERSON')) byName.set(e.name, d);
  }
  const named = mentions.filter((m) => NAMED.has(m.type));
  const ofQuote = quotes.map((q) => {
    const s = q.speaker;
    if (!s) return undefined;
    let d: Draft | undefined;
    // The entity the speaker mention names: a mention holding it (`Kowalczyk`), not a phrase
    // around an entity (`the Tidewater port board` is not `Tidewater`).
    const m = covering(named, s.mention.start, s.mention.end);
    const type = s.type ?? (looksLikePersonName(s.name) ? 'PERSON' : undefined);
    const key = identityKey(s.name, type);
    if (
      m &&
      ((m.start <= s.mention.start && s.mention.end <= m.end) ||
        m.canonical === s.name ||
        // `Ambassador Verbeek` around the entity mention `Verbeek`: the title is not the person.
        (s.mention.start <= m.start && m.end <= s.mention.end && identityKey(m.text, m.type) === key))
    )
      d = byEntity.get(`${m.type}\u0000${m.canonical}`);
    d ??= byName.get(s.name);
    if (!d) {
      if (!key) return undefined;
      d = drafts.get(key) ?? draftFor(key, s.name);
      addUnique(d.aliases, cleanAlias(s.name));
      addUnique(d.lookupKeys, key);
      if (type === 'PERSON') for (const k of surnameKeys(key)) addUnique(d.lookupKeys, k);
    }
    d.quotes++;
    return d;
  });
  const records = new Map<Draft, IdentityRecord>();
  for (const d of order) {
    records.set(d, {
      key: d.key,
      name: d.name,
      types: d.types,
      aliases: d.aliases,
      lookupKeys: d.lookupKeys.filter((k) => k.length > 0),
      ...(d.role ? { role: d.role } : {}),
      mentions: d.mentions,
      quotes: d.quotes,
    });
  }
  const rec = (d: Draft | undefined) => (d ? records.get(d) : undefined);
  return { records: [...records.values()], ofEntity: ofEntity.map(rec), ofQuote: ofQuote.map(rec) };
}

/** The mention (sorted by start, not overlapping) that overlaps [start, end), if any. */
function covering(sorted: readonly EntityMention[], start: number, end: number): EntityMention | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = sorted[mid]!;
    if (m.end <= start) lo = mid + 1;
    else if (m.start >= end) hi = mid - 1;
    else return m;
  }
  return undefined;
}
