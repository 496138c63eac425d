/**
 * In-document grouping of entity mentions into canonical entities.
 *
 * - Organisations and places: mentions with the same letters (case, dots, spaced initials and a
 *   leading "the" ignored) are one entity; an acronym joins the full name whose initials it spells
 *   (`U N`, `U.N.`, `UN` -> `United Nations`), or a well-known expansion when the document has none.
 * - People: every distinct full name (two or more words) is its own person; a shorter mention
 *   (`Ivanov`, `Putin`) joins the nearest full name, preceding first, whose words contain it as a
 *   whole-word suffix or prefix. Two different full names are never merged.
 * - The canonical name is the fullest, best-cased form seen in the document.
 */
import { ACRONYMS } from '../../lexicon/acronyms.ts';
import type { Entity, EntityMention, EntityType } from '../../types.ts';

type RawMention = Omit<EntityMention, 'canonical'>;

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

/** Assigns each mention the canonical name of its in-document entity. Input and output sorted by start. */
export function canonicalize(mentions: readonly RawMention[]): EntityMention[] {
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
  for (const i of persons) {
    if (groupOf[i]) continue;
    const m = mentions[i]!;
    const ws = words(cleanName(m.text)).filter((w) => !TITLES.has(w.toLowerCase().replace(/\.$/, '')));
    const lw = ws.map((w) => w.toLowerCase());
    let best: Group | undefined;
    let bestDist = Number.POSITIVE_INFINITY;
    if (lw.length > 0) {
      for (const g of full.values()) {
        const gw = g.name.toLowerCase().split(' ');
        const suffix = lw.length < gw.length && lw.every((w, k) => gw[gw.length - lw.length + k] === w);
        const prefix = lw.length < gw.length && lw.every((w, k) => gw[k] === w);
        if (!suffix && !prefix) continue;
        // Distance to the nearest member; preceding members are preferred over following ones.
        for (const j of g.members) {
          const o = mentions[j]!;
          const d = o.start <= m.start ? m.start - o.start : 1e9 + (o.start - m.start);
          if (d < bestDist) {
            bestDist = d;
            best = g;
          }
        }
      }
    }
    if (best) {
      best.members.push(i);
      groupOf[i] = best;
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
  for (const g of groups) {
    if (g.type === 'PERSON' || g.type === 'MONEY' || g.type === 'PERCENT' || g.type === 'DATE') continue;
    const letters = acronymLetters(g.name);
    if (!letters) continue;
    // A full name in the document whose initials spell the acronym.
    const target = groups.find(
      (o) =>
        o !== g &&
        o.type === g.type &&
        o.members.length > 0 &&
        !acronymLetters(o.name) &&
        initials(o.name) === letters &&
        words(o.name).length > 1,
    );
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
  const out = new Map<string, { name: string; type: EntityType; spans: { start: number; end: number }[] }>();
  for (const m of mentions) {
    const k = m.type + '\u0000' + m.canonical;
    let e = out.get(k);
    if (!e) {
      e = { name: m.canonical, type: m.type, spans: [] };
      out.set(k, e);
    }
    e.spans.push({ start: m.start, end: m.end });
  }
  return [...out.values()].map((e) => ({
    name: e.name,
    type: e.type,
    mentions: e.spans.length,
    spans: e.spans,
  }));
}
