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
import { FEMALE_HONORIFICS, MALE_HONORIFICS } from '../../lexicon/honorifics.ts';
import type { Entity, EntityMention, EntityType } from '../../types.ts';

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
const TITLES = new Set(
  'mr mrs ms miss dr prof president minister sen senator rep gov governor gen general king queen prince pope sir lord lady judge justice'.split(
    ' ',
  ),
);

function words(s: string): string[] {
  return s
    .replace(/[’']s$/u, '')
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
    .replace(/[’']s$/u, '')
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

type Gender = 'male' | 'female';

/** Gender shown by an honorific written right before offset `start` ("Mrs. Clinton"), if any. */
function honorificBefore(text: string, start: number): Gender | null {
  const before = text.slice(Math.max(0, start - 10), start).trimEnd();
  const w = (before.split(/\s+/).pop() ?? '').toLowerCase();
  if (MALE_HONORIFICS.has(w)) return 'male';
  if (FEMALE_HONORIFICS.has(w)) return 'female';
  return null;
}

/** Gender of a full name's first word, when it is a known first name. */
function firstNameGender(name: string): Gender | null {
  const first = name.split(' ')[0]!.toLowerCase();
  if (MALE_FIRST_NAMES.has(first)) return 'male';
  if (FEMALE_FIRST_NAMES.has(first)) return 'female';
  return null;
}

/**
 * Assigns each mention the canonical name of its in-document entity. Input and output sorted by
 * start. With the text, an honorific before a surname keeps it from joining a full name of the
 * other gender ("Mrs. Clinton" is not "Bill Clinton").
 */
export function canonicalize(mentions: readonly RawMention[], text?: string): EntityMention[] {
  const groupOf = new Array<Group | undefined>(mentions.length);
  const groups: Group[] = [];
  const newGroup = (type: EntityType, name: string, i: number) => {
    const g: Group = { type, name, members: [i] };
    groups.push(g);
    groupOf[i] = g;
    return g;
  };
  // People.
  const persons: number[] = [];
  mentions.forEach((m, i) => {
    if (m.type === 'PERSON') persons.push(i);
  });
  const full = new Map<string, Group>();
  for (const i of persons) {
    const ws = words(cleanName(mentions[i]!.text)).filter(
      (w) => !TITLES.has(w.toLowerCase().replace(/\.$/, '')),
    );
    if (ws.length >= 2) {
      const k = ws.join(' ').toLowerCase();
      const g = full.get(k);
      if (g) {
        g.members.push(i);
        groupOf[i] = g;
        g.name = betterName(g.name, ws.join(' '));
      } else full.set(k, newGroup('PERSON', ws.join(' '), i));
    }
  }
  // Index the full names by their leading and trailing words (up to MAX_PART words), each with
  // the sorted starts of its full-name mentions, so a surname finds its candidates and their
  // nearest mention without scanning every name and mention (linear time on any document).
  const MAX_PART = 4;
  interface Entry {
    group: Group;
    starts: number[];
    lastJoined: number;
  }
  const byPart = new Map<string, { entry: Entry; suffix: boolean }[]>();
  for (const g of full.values()) {
    const gw = g.name.toLowerCase().split(' ');
    const entry: Entry = { group: g, starts: g.members.map((j) => mentions[j]!.start), lastJoined: -1 };
    // Trailing words (a surname) first: a part that is both keeps its suffix reading.
    const parts = new Map<string, boolean>();
    for (let k = 1; k < gw.length && k <= MAX_PART; k++) parts.set(gw.slice(gw.length - k).join(' '), true);
    for (let k = 1; k < gw.length && k <= MAX_PART; k++) {
      const part = gw.slice(0, k).join(' ');
      if (!parts.has(part)) parts.set(part, false);
    }
    for (const [part, suffix] of parts) {
      const list = byPart.get(part);
      if (list) list.push({ entry, suffix });
      else byPart.set(part, [{ entry, suffix }]);
    }
  }
  for (const i of persons) {
    if (groupOf[i]) continue;
    const m = mentions[i]!;
    const ws = words(cleanName(m.text)).filter((w) => !TITLES.has(w.toLowerCase().replace(/\.$/, '')));
    if (ws.length === 0 || ws.length > MAX_PART) continue;
    let best: Entry | undefined;
    let bestDist = Number.POSITIVE_INFINITY;
    let bestSuffix = false;
    const gender = text === undefined ? null : honorificBefore(text, m.start);
    for (const { entry, suffix } of byPart.get(ws.join(' ').toLowerCase()) ?? []) {
      // A surname reading beats a first-name one (`Trump` is Donald J. Trump, not Trump Tower).
      if (bestSuffix && !suffix) continue;
      if (gender) {
        const g = firstNameGender(entry.group.name);
        if (g && g !== gender) continue;
      }
      // Distance to the nearest member (surnames joined earlier included; persons are visited in
      // text order, so those always precede); preceding members are preferred over following ones.
      const before = lastAtOrBefore(entry.starts, m.start);
      const nearest = Math.max(before >= 0 ? entry.starts[before]! : -1, entry.lastJoined);
      const d = nearest >= 0 ? m.start - nearest : 1e9 + (entry.starts[0]! - m.start);
      if (d < bestDist || (suffix && !bestSuffix)) {
        bestDist = d;
        best = entry;
        bestSuffix = suffix;
      }
    }
    if (best) {
      best.group.members.push(i);
      best.lastJoined = m.start;
      groupOf[i] = best.group;
    }
  }
  // Unmatched single names: grouped by their letters.
  const byKey = new Map<string, Group>();
  for (const i of persons) {
    if (groupOf[i]) continue;
    const name = cleanName(mentions[i]!.text) || mentions[i]!.text;
    const k = name.toLowerCase();
    const g = byKey.get(k);
    if (g) {
      g.members.push(i);
      groupOf[i] = g;
      g.name = betterName(g.name, name);
    } else byKey.set(k, newGroup('PERSON', name, i));
  }
  // Other types: by key, then acronyms to full names.
  const others = new Map<string, Group>();
  mentions.forEach((m, i) => {
    if (m.type === 'PERSON') return;
    const name =
      m.type === 'MONEY' || m.type === 'PERCENT' || m.type === 'DATE' ? m.text : cleanName(m.text) || m.text;
    const k = m.type + '\u0000' + key(name);
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
  return mentions.map((m, i) => ({ ...m, canonical: groupOf[i]!.name }));
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
