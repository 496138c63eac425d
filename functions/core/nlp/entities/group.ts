/**
 * In-document grouping of entity mentions into canonical entities.
 *
 * - Organisations and places: mentions with the same letters (case, dots, spaced initials and a
 *   leading "the" ignored) are one entity; an acronym joins the full name whose initials it spells
 *   (`U N`, `U.N.`, `UN` -> `United Nations`), or a well-known expansion when the document has none.
 * - People: every distinct full name (two or more words) is its own person; a shorter mention
 *   (`Ivanov`, `Putin`) joins the nearest full name, preceding first, whose words end with it (a
 *   surname), else the nearest that starts with it (a first name). Two different full names are
 *   never merged.
 * - The canonical name is the fullest, best-cased form seen in the document.
 */
import { ACRONYMS } from '../../lexicon/acronyms.ts';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { AMBIGUOUS_TITLE_HEADS, NAME_HONORIFICS, ORGANIZATION_NAME_WORDS } from '../../lexicon/positions.ts';
import type { Entity, EntityMention, EntityType } from '../../types.ts';
import { personKey } from './identity.ts';
import {
  type Gender,
  isTitleOnly,
  type PersonContext,
  personContext,
  splitLeadingTitle,
  titleBefore,
} from './person-context.ts';

/** A recognised mention before grouping gives it a canonical name. */
export type RawMention = Omit<EntityMention, 'canonical'>;

const STOP = new Set([
  'of',
  'the',
  'and',
  'for',
  'de',
  'du',
  'des',
  'la',
  'le',
  'del',
  'di',
  'y',
  '&',
  'on',
  'in',
  'at',
]);
function words(s: string): string[] {
  return s
    .replace(/[’‘']s$/u, '')
    .split(/[\s]+/u)
    .filter((w) => w.length > 0);
}

/** Letters of an acronym form (`U.N.`, `U N`, `UN`) or null when the text is not one. */
export function acronymLetters(s: string): string | null {
  // Fast exit: an acronym form has no lower-case letter and at most a few characters.
  if (s.length > 12 || /\p{Ll}/u.test(s)) return null;
  const t = s.trim();
  if (/^(?:\p{Lu}\.\s?){2,}$/u.test(t) || /^(?:\p{Lu}\.){1,}\p{Lu}$/u.test(t)) return t.replace(/[.\s]/g, '');
  if (/^\p{Lu}(?: \p{Lu}){1,3}$/u.test(t)) return t.replace(/\s/g, '');
  if (/^\p{Lu}{2,6}$/u.test(t)) return t;
  return null;
}

function initials(name: string): string {
  return words(name)
    .filter((w) => !STOP.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function key(s: string): string {
  const letters = acronymLetters(s);
  if (letters) return letters.toLowerCase();
  return words(dotInitials(s).replace(/^the\s+/i, ''))
    .join(' ')
    .replace(/\./g, '')
    .toLowerCase();
}

/** Spaced initials inside a longer name in dotted form: `U N Security Council` -> `U.N. Security Council`. */
function dotInitials(s: string): string {
  return s.replace(/\b\p{Lu}(?: \p{Lu})+\b/gu, (m) => (m.length <= 7 ? m.split(' ').join('.') + '.' : m));
}

/** Prefers mixed case over all capitals, then more words, then the earlier form. */
function betterName(a: string, b: string): string {
  const caps = (s: string) => (/\p{Ll}/u.test(s) ? 0 : 1);
  if (caps(a) !== caps(b)) return caps(a) < caps(b) ? a : b;
  const wa = words(a).length;
  const wb = words(b).length;
  if (wa !== wb) return wa > wb ? a : b;
  return a;
}

function cleanName(s: string): string {
  const base = acronymLetters(s.trim()) ? s : dotInitials(s);
  return base
    .replace(/[’‘']s$/u, '')
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Title case for names written in capitals; short words (`BBC`) and words with digits stay as they are. */
function titleCase(s: string): string {
  return s
    .split(' ')
    .map((w) =>
      w.length <= 3 || /\d/.test(w)
        ? w
        : w.toLowerCase().replace(/(^|-)(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
    )
    .join(' ');
}

interface Group {
  type: EntityType;
  name: string;
  members: number[];
}

/**
 * A title or honorific followed by the name of a person the document names is that person, whatever
 * type the recogniser gave it (`Ambassador Verbeek` typed as an organisation, with `Halina Verbeek`
 * in the text); `General Motors` stays an organisation when no person is called Motors.
 */
function retypeTitledPeople(mentions: readonly RawMention[]): readonly RawMention[] {
  let names: Set<string> | undefined;
  let out: RawMention[] | undefined;
  mentions.forEach((m, i) => {
    if ((m.type !== 'ORGANIZATION' && m.type !== 'MISC') || !/^\p{Lu}/u.test(m.text)) return;
    const { title, name } = splitLeadingTitle(m.text);
    if (!title) return;
    if (!names) {
      names = new Set<string>();
      for (const p of mentions) {
        if (p.type !== 'PERSON') continue;
        const ws = personKey(cleanName(p.text)).split(' ');
        for (let k = 1; k <= ws.length && k <= MAX_PART; k++) names.add(ws.slice(ws.length - k).join(' '));
      }
    }
    if (!names.has(personKey(cleanName(name)))) return;
    out ??= mentions.slice();
    out[i] = { ...m, type: 'PERSON' };
  });
  return out ?? mentions;
}

const NAME_WORD = /^\p{Lu}\p{Ll}[\p{L}'’-]*$|^\p{Lu}\.$/u;

/**
 * Does a capitalised name look like a person's name after the title `titleWords`: title case, at
 * most three words, no organisation word, and an unambiguous or abbreviated title or a known first
 * name?
 */
function personAfterTitle(titleWords: readonly string[], nameWords: readonly string[]): boolean {
  if (nameWords.length > 3 || !nameWords.every((w) => NAME_WORD.test(w))) return false;
  if (nameWords.some((w) => ORGANIZATION_NAME_WORDS.has(w.toLowerCase()))) return false;
  const first = nameWords[0]!.toLowerCase();
  const knownFirst = nameWords.length > 1 && (MALE_FIRST_NAMES.has(first) || FEMALE_FIRST_NAMES.has(first));
  const abbreviated = titleWords.some((w) => w.endsWith('.'));
  const head = titleWords[titleWords.length - 1]!.toLowerCase().replace(/\.$/, '');
  return knownFirst || abbreviated || !AMBIGUOUS_TITLE_HEADS.has(head);
}

/**
 * Titles and positions are never part of a person's name (CoNLL-2003 conventions): a mention that
 * opens with them (`Ambassador Varga`, `Mr. Okafor`, `Sen. Dana Pike`) keeps the name only, and
 * the title becomes its role when grouping reads the words before it. A title never makes a
 * mention an organisation: an organisation or MISC mention made of a title and a person's name is
 * that person, when the name is in title case, has no organisation word (`General Motors`,
 * `Major League Baseball` stay), and either the title is an honorific or abbreviation
 * (`Mr.`, `Sen.`) or an unambiguous position, or the name opens with a known first name.
 */
function detachTitles(mentions: readonly RawMention[], text: string | undefined): readonly RawMention[] {
  let out: (RawMention | null)[] | undefined;
  mentions.forEach((m, i) => {
    // `Dr. [Ellen Park]`, `Defense Secretary [Austin]` typed as a place or an organisation: a title
    // right before a name makes it a person.
    if (
      text !== undefined &&
      (m.type === 'ORGANIZATION' || m.type === 'LOCATION' || m.type === 'MISC') &&
      /^\p{Lu}/u.test(m.text) &&
      !isTitleOnly(m.text) &&
      !splitLeadingTitle(m.text).title
    ) {
      const before = titleBefore(text, m.start);
      const title = before.honorific ?? before.role;
      if (title && personAfterTitle(title.split(/\s+/), m.text.replace(/[’']s$/u, '').split(/\s+/))) {
        out ??= mentions.slice();
        out[i] = { ...m, type: 'PERSON' };
        return;
      }
    }
    if (m.type !== 'PERSON' && m.type !== 'ORGANIZATION' && m.type !== 'MISC') return;
    if (!/^\p{Lu}/u.test(m.text)) return;
    // A title alone (`CEO`, `Vice President`) is no organisation nor MISC.
    if (m.type !== 'PERSON' && isTitleOnly(m.text)) {
      out ??= mentions.slice();
      out[i] = null;
      return;
    }
    const { title, name } = splitLeadingTitle(m.text);
    if (!title || !name) return;
    const titleWords = title.split(' ');
    const nameWords = name.replace(/[’']s$/u, '').split(' ');
    const bareTitle = titleWords.map((w) => w.toLowerCase().replace(/\.$/, ''));
    if (nameWords.length === 1 && bareTitle.length === 1 && NAME_HONORIFICS.has(bareTitle[0]!)) return;
    if (m.type !== 'PERSON' && !personAfterTitle(titleWords, nameWords)) return;
    // Offset of the name in the mention: skip as many words as the title has.
    const re = /\S+/gu;
    let k = 0;
    let at = 0;
    for (let w = re.exec(m.text); w; w = re.exec(m.text)) {
      if (k === titleWords.length) {
        at = w.index;
        break;
      }
      k++;
    }
    if (at === 0) return;
    out ??= mentions.slice();
    out[i] = { ...m, type: 'PERSON', start: m.start + at, text: m.text.slice(at) };
  });
  return out ? out.filter((m): m is RawMention => m !== null) : mentions;
}

/** Gender of a full name's first word, when it is a known first name. */
function firstNameGender(name: string): Gender | undefined {
  const first = name.split(' ')[0]!.toLowerCase();
  if (MALE_FIRST_NAMES.has(first)) return 'male';
  if (FEMALE_FIRST_NAMES.has(first)) return 'female';
  return undefined;
}

/** Middle initials of a name as written (`Anna H. W. Berg`, `Anna H.W. Berg` -> `hw`), empty when none. */
function middleInitials(name: string): string {
  const ws = name.split(' ');
  if (ws.length < 3) return '';
  return ws
    .slice(1, -1)
    .filter((w) => /^(?:\p{L}\.)+$|^\p{L}$/u.test(w))
    .map((w) => w.replace(/\./g, '').toLowerCase())
    .join('');
}

/** A person entity being built: its mentions' positions and what the text says about it. */
interface PersonGroup extends Group {
  /** Starts of its full-name mentions, ascending. */
  readonly starts: number[];
  /** Start of the last shorter mention joined (mentions are visited in text order). */
  lastJoined: number;
  gender?: Gender;
  readonly roleKeys: Set<string>;
  /** Introduced as someone's relative (`his son Tom Smith`). */
  kin: boolean;
  /** Middle initials its full names carry (`w` for `George W. Bush`), empty when none. */
  initials: string;
}

const MAX_PART = 4;
/** Shortest surname whose one-letter spelling variants are read as the same name. */
const MIN_VARIANT_LENGTH = 7;

/** `w` (when `self`) and every form of it with one letter dropped: two words one edit apart share one. */
function oneLetterDeletions(w: string, self: boolean): string[] {
  const out = self ? [w] : [];
  for (let i = 0; i < w.length; i++)
    if (i === 0 || w[i] !== w[i - 1]) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}
/**
 * People a shorter mention chooses among, at most: far more than any real text names with one
 * surname, and a bound that keeps grouping linear on any input.
 */
const MAX_CANDIDATES = 64;
const REGNAL = new Set([
  'pope',
  'king',
  'queen',
  'prince',
  'princess',
  'emperor',
  'empress',
  'sultan',
  'emir',
]);

/**
 * People. Every full name (two words or more once titles are off) is a person, one per identity
 * key (`Donald J. Trump` = `Donald Trump`, `Zelenskiy` = `Zelensky`), except that different middle
 * initials make different people (`George H. W. Bush`, `George W. Bush`), and a full name that
 * ends another, longer one is that person (`Van Der Berg` in `Jan Van Der Berg`). A shorter
 * mention (`Smith`, `Mr. Smith`, `Ambassador Smith`, `Jan`) joins a full name whose words end with
 * it (a surname), else one whose words start with it (a first name), or an earlier bare mention of
 * the same name; when several people qualify, the context decides, in this order:
 * - gender: an honorific or gendered title (`Mrs.`, `Congresswoman`) against the full name's first
 *   name or its own titles (`Mrs. Clinton` is not `Bill Clinton`);
 * - a surname reading beats a first-name one (`Trump` is Donald J. Trump, not Trump Tower);
 * - role: a title (`Sen. Smith`) goes to the person given the same title (`Senator Jan Smith`);
 *   a titled mention, or the holder of a relative (`Smith's son`), is not the person the text
 *   introduced as a relative (`his son Tom Smith`); a bare surname prefers the people not
 *   introduced as relatives;
 * - the nearest preceding mention, else the nearest following one.
 * A shorter mention introduced as a relative (`Mr. Smith, her husband,`) joins only a person
 * introduced as a relative. A long surname that no full name ends with joins the one full name
 * whose surname is a letter away (`Kowalczik`, `Kowalczyk`).
 * A shorter mention that joins nobody is a person of its own, named as written.
 */
function groupPersons(
  mentions: readonly RawMention[],
  text: string | undefined,
  groupOf: (Group | undefined)[],
  roles: (string | undefined)[],
  newGroup: (type: EntityType, name: string, i: number) => Group,
): void {
  const persons: number[] = [];
  mentions.forEach((m, i) => {
    if (m.type === 'PERSON') persons.push(i);
  });
  if (persons.length === 0) return;
  const info = new Map<number, { ctx: PersonContext; key: string; display: string; size: number }>();
  // Names repeat: their cleaned forms and keys are computed once per distinct text.
  const cleaned = new Map<string, { name: string; key: string }>();
  const clean = (s: string) => {
    let c = cleaned.get(s);
    if (c === undefined) {
      const name = cleanName(s);
      c = { name, key: personKey(name) };
      cleaned.set(s, c);
    }
    return c;
  };
  const keyOf = (name: string) => clean(name).key;
  for (const i of persons) {
    const m = mentions[i]!;
    const own = clean(m.text);
    const ctx = personContext(m.text, m.start, m.end, text, own.key.includes(' '));
    let display = (ctx.name === m.text ? own.name : clean(ctx.name).name) || own.name || m.text;
    // A sovereign or a pope is known by title and given name (`Pope Francis`, `Queen Ana`).
    if (ctx.role && !display.includes(' ') && REGNAL.has(ctx.role.toLowerCase()))
      display = `${ctx.role} ${display}`;
    info.set(i, { ctx, key: keyOf(display), display, size: 0 });
    if (ctx.role) roles[i] = ctx.role;
  }
  for (const v of info.values()) v.size = v.key ? v.key.split(' ').length : 0;
  // Trailing parts (two words or more) of the full names: a name equal to one is that name's tail.
  const tails = new Set<string>();
  for (const v of info.values()) {
    if (v.size < 3) continue;
    const ws = v.key.split(' ');
    for (let k = 2; k < ws.length && k <= MAX_PART; k++) tails.add(ws.slice(ws.length - k).join(' '));
  }
  const isFull = (v: { key: string; size: number }) => v.size >= 2 && !tails.has(v.key);
  const make = (i: number, name: string): PersonGroup => {
    const g = newGroup('PERSON', name, i) as PersonGroup;
    Object.assign(g, { starts: [], lastJoined: -1, roleKeys: new Set<string>(), kin: false, initials: '' });
    return g;
  };
  // What a mention's context says about its person. A shorter mention's honorific is evidence
  // about a full name only through the join it made, so it never sets a full name's gender.
  const note = (g: PersonGroup, i: number, ctx: PersonContext, fullMention: boolean) => {
    if (ctx.roleKey) g.roleKeys.add(ctx.roleKey);
    if (ctx.gender && !g.gender && (fullMention || g.starts.length === 0)) g.gender = ctx.gender;
    if (ctx.kin) g.kin = true;
    roles[i] = ctx.role;
  };
  // Full names, in text order.
  const full = new Map<string, PersonGroup[]>();
  for (const i of persons) {
    const v = info.get(i)!;
    if (!isFull(v)) continue;
    const initials = middleInitials(v.display);
    const same = full.get(v.key) ?? [];
    if (!full.has(v.key)) full.set(v.key, same);
    let g = initials
      ? (same.find((x) => x.initials === initials) ?? same.find((x) => x.initials === ''))
      : same[same.length - 1];
    if (!g && same.length >= MAX_CANDIDATES) g = same[same.length - 1];
    if (!g) {
      g = make(i, v.display);
      same.push(g);
    } else {
      g.members.push(i);
      groupOf[i] = g;
      g.name = betterName(g.name, v.display);
    }
    if (initials && !g.initials) g.initials = initials;
    g.starts.push(mentions[i]!.start);
    note(g, i, v.ctx, true);
  }
  for (const list of full.values()) for (const g of list) g.gender = firstNameGender(g.name) ?? g.gender;
  // Index the full names by their leading and trailing words (up to MAX_PART words), so a shorter
  // mention finds its candidates without scanning every name (linear time on any document).
  const byPart = new Map<string, { group: PersonGroup; suffix: boolean }[]>();
  for (const [k, list] of full) {
    const gw = k.split(' ');
    // Trailing words (a surname) first: a part that is both keeps its suffix reading.
    const parts = new Map<string, boolean>();
    for (let n = 1; n < gw.length && n <= MAX_PART; n++) parts.set(gw.slice(gw.length - n).join(' '), true);
    // A generational suffix is no surname: `Trump` is in `Donald Trump Jr.` as `trump jr`.
    if (/^(?:jr|sr|ii|iii|iv)$/.test(gw[gw.length - 1]!) && gw.length > 2)
      parts.set(gw[gw.length - 2]!, true);
    for (let n = 1; n < gw.length && n <= MAX_PART; n++) {
      const part = gw.slice(0, n).join(' ');
      if (!parts.has(part)) parts.set(part, false);
    }
    for (const [part, suffix] of parts)
      for (const group of list) {
        const at = byPart.get(part);
        if (!at) byPart.set(part, [{ group, suffix }]);
        else if (at.length < MAX_CANDIDATES) at.push({ group, suffix });
      }
  }
  // Spelling variants of a long surname (one letter added, dropped or changed: `Kowalczyk`,
  // `Kowalczik`): each surname and its one-letter deletions, to the full names that end with it.
  const variants = new Map<string, { group: PersonGroup; suffix: boolean }[]>();
  for (const [k, list] of full) {
    const last = k.slice(k.lastIndexOf(' ') + 1);
    if (last.length < MIN_VARIANT_LENGTH) continue;
    for (const form of oneLetterDeletions(last, true))
      for (const group of list) {
        const at = variants.get(form);
        if (!at) variants.set(form, [{ group, suffix: true }]);
        else if (at.length < MAX_CANDIDATES && !at.some((x) => x.group === group))
          at.push({ group, suffix: true });
      }
  }
  /** Full names whose surname is one letter away from `surname`, when exactly one person qualifies. */
  const variantOf = (surname: string) => {
    let found: { group: PersonGroup; suffix: boolean }[] | undefined;
    for (const form of oneLetterDeletions(surname, true)) {
      const at = variants.get(form);
      if (!at) continue;
      for (const x of at) {
        if (found?.some((y) => y.group === x.group)) continue;
        found ??= [];
        found.push(x);
        if (found.length > 1) return undefined;
      }
    }
    return found;
  };
  // Shorter mentions, in text order.
  const bare = new Map<string, PersonGroup[]>();
  for (const i of persons) {
    if (groupOf[i]) continue;
    const m = mentions[i]!;
    const v = info.get(i)!;
    const { ctx } = v;
    let parts = v.size > 0 && v.size <= MAX_PART ? byPart.get(v.key) : undefined;
    if (!parts && v.size === 1 && v.key.length >= MIN_VARIANT_LENGTH && !bare.has(v.key))
      parts = variantOf(v.key);
    const best = choosePerson(
      parts,
      bare.get(v.key),
      v.key.endsWith(' jr') || v.key.endsWith(' sr'),
      ctx,
      m.start,
    );
    const same = bare.get(v.key) ?? [];
    const join = best ?? (same.length >= MAX_CANDIDATES ? same[same.length - 1] : undefined);
    if (join) {
      join.members.push(i);
      join.lastJoined = m.start;
      groupOf[i] = join;
      if (!join.starts.length) join.name = betterName(join.name, v.display);
      note(join, i, ctx, false);
    } else {
      // A person of their own; a second one of the same name reads with its title (`Mrs. Smith`).
      if (!bare.has(v.key)) bare.set(v.key, same);
      const title = ctx.honorific ?? ctx.role;
      const g = make(i, same.length && title ? `${title} ${v.display}` : v.display);
      same.push(g);
      g.lastJoined = m.start;
      note(g, i, ctx, false);
    }
  }
}

/**
 * The person a shorter mention at `start` joins among the full names it is part of (`parts`) and
 * the earlier bare mentions of its name (`bare`), by the rules of `groupPersons`; none qualifies
 * when an honorific or title rules every one out. Allocation-free: it runs for every mention.
 */
function choosePerson(
  parts: readonly { group: PersonGroup; suffix: boolean }[] | undefined,
  bare: readonly PersonGroup[] | undefined,
  suffixOnly: boolean,
  ctx: PersonContext,
  start: number,
): PersonGroup | undefined {
  const np = parts?.length ?? 0;
  const n = np + (bare?.length ?? 0);
  if (n === 0) return undefined;
  const groupAt = (k: number) => (k < np ? parts![k]!.group : bare![k - np]!);
  const suffixAt = (k: number) => (k < np ? parts![k]!.suffix : true);
  const fits = (g: PersonGroup, k: number) =>
    (!suffixOnly || suffixAt(k)) && (!ctx.gender || !g.gender || g.gender === ctx.gender);
  // A person known to have the gender the mention shows beats one of unknown gender.
  let sameGender = false;
  for (let k = 0; k < n && !sameGender; k++)
    if (ctx.gender && groupAt(k).gender === ctx.gender && (!suffixOnly || suffixAt(k))) sameGender = true;
  const gendered = (g: PersonGroup, k: number) => fits(g, k) && (!sameGender || g.gender === ctx.gender);
  // A surname reading beats a first-name one.
  let suffix = false;
  for (let k = 0; k < n && !suffix; k++) if (suffixAt(k) && gendered(groupAt(k), k)) suffix = true;
  const reading = (g: PersonGroup, k: number) => gendered(g, k) && (!suffix || suffixAt(k));
  // What the context asks for: the same title, else no relative; the holder of a relative, or a
  // bare surname when someone else qualifies, also asks for no relative.
  let sameRole = false;
  let nonKin = false;
  let readings = 0;
  for (let k = 0; k < n; k++) {
    const g = groupAt(k);
    if (!reading(g, k)) continue;
    readings++;
    if (ctx.roleKey && g.roleKeys.has(ctx.roleKey)) sameRole = true;
    if (!g.kin) nonKin = true;
  }
  // A title that none of several people of the name was given is not forced on one of them.
  if (ctx.roleKey && !sameRole && readings > 1) return undefined;
  // A shorter mention the text introduces as a relative (`Mr. Smith, her husband,`) is someone of
  // that surname other than the people it names without kinship: only a relative qualifies.
  const wanted = (g: PersonGroup, k: number) =>
    reading(g, k) &&
    (!ctx.kin || g.kin) &&
    (sameRole ? g.roleKeys.has(ctx.roleKey!) : ctx.roleKey || ctx.kinPossessor || nonKin ? !g.kin : true);
  let best: PersonGroup | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const group = groupAt(k);
    if (!wanted(group, k)) continue;
    // Distance to the nearest member (shorter mentions joined earlier included); preceding
    // members are preferred over following ones.
    const before = lastAtOrBefore(group.starts, start);
    const nearest = Math.max(before >= 0 ? group.starts[before]! : -1, group.lastJoined);
    const d = nearest >= 0 ? start - nearest : 1e9 + ((group.starts[0] ?? start) - start);
    if (d < bestDist) {
      bestDist = d;
      best = group;
    }
  }
  return best;
}

/**
 * Assigns each mention the canonical name of its in-document entity. Input and output sorted by
 * start. With the text, an honorific before a surname keeps it from joining a full name of the
 * other gender ("Mrs. Clinton" is not "Bill Clinton").
 */
export function canonicalize(given: readonly RawMention[], text?: string): EntityMention[] {
  const mentions = detachTitles(retypeTitledPeople(given), text);
  const groupOf = new Array<Group | undefined>(mentions.length);
  const roles = new Array<string | undefined>(mentions.length);
  const groups: Group[] = [];
  const newGroup = (type: EntityType, name: string, i: number) => {
    const g: Group = { type, name, members: [i] };
    groups.push(g);
    groupOf[i] = g;
    return g;
  };
  groupPersons(mentions, text, groupOf, roles, newGroup);
  // Other types: by key, then acronyms to full names.
  const others = new Map<string, Group>();
  // Names repeat: each distinct text is cleaned and keyed once.
  const seen = new Map<string, { name: string; key: string }>();
  mentions.forEach((m, i) => {
    if (m.type === 'PERSON') return;
    const numeric = m.type === 'MONEY' || m.type === 'PERCENT' || m.type === 'DATE';
    let c = seen.get(m.text);
    if (!c) {
      const name = numeric ? m.text : cleanName(m.text) || m.text;
      c = { name, key: key(name) };
      seen.set(m.text, c);
    }
    const name = c.name;
    const k = m.type + '\u0000' + c.key;
    const g = others.get(k);
    if (g) {
      g.members.push(i);
      groupOf[i] = g;
      g.name = betterName(g.name, name);
    } else others.set(k, newGroup(m.type, name, i));
  });
  // Full names by type and initials, for acronyms (first in document order wins).
  const byInitials = new Map<string, Group>();
  for (const o of groups) {
    if (o.type === 'PERSON' || acronymLetters(o.name) || words(o.name).length <= 1) continue;
    const k = `${o.type}\u0000${initials(o.name)}`;
    if (!byInitials.has(k)) byInitials.set(k, o);
  }
  for (const g of groups) {
    if (g.type === 'PERSON' || g.type === 'MONEY' || g.type === 'PERCENT' || g.type === 'DATE') continue;
    const letters = acronymLetters(g.name);
    if (!letters) continue;
    // A full name in the document whose initials spell the acronym.
    const candidate = byInitials.get(`${g.type}\u0000${letters}`);
    const target = candidate && candidate !== g && candidate.members.length > 0 ? candidate : undefined;
    const expansion = target?.name ?? ACRONYMS.get(letters);
    if (target) {
      target.members.push(...g.members);
      for (const i of g.members) groupOf[i] = target;
      g.members = [];
    } else if (expansion) {
      g.name = expansion;
    } else if (!/\p{Ll}/u.test(g.name) && g.name.length > 6) {
      g.name = titleCase(g.name);
    }
  }
  // Full names written only in capitals (headlines) read better title-cased.
  for (const g of groups) {
    if (g.members.length && !/\p{Ll}/u.test(g.name) && !acronymLetters(g.name) && /\p{L}/u.test(g.name))
      g.name = titleCase(g.name);
  }
  return mentions.map((m, i): EntityMention => {
    const role = roles[i];
    const { type, text: t, start, end } = m;
    const canonical = groupOf[i]!.name;
    return role ? { type, text: t, start, end, canonical, role } : { type, text: t, start, end, canonical };
  });
}

/** Groups mentions (carrying canonical names) into entities, in order of first mention. */
export function groupEntities(mentions: readonly EntityMention[]): Entity[] {
  const out = new Map<
    string,
    { name: string; type: EntityType; spans: { start: number; end: number }[]; role?: string }
  >();
  for (const m of mentions) {
    const k = m.type + '\u0000' + m.canonical;
    let e = out.get(k);
    if (!e) {
      e = { name: m.canonical, type: m.type, spans: [] };
      out.set(k, e);
    }
    e.spans.push({ start: m.start, end: m.end });
    if (m.role && !e.role) e.role = m.role;
  }
  return [...out.values()].map((e) => ({
    name: e.name,
    type: e.type,
    mentions: e.spans.length,
    spans: e.spans,
    ...(e.role ? { role: e.role } : {}),
  }));
}

/** Index of the last value <= x in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
