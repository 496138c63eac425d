import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { LEXICON_CATEGORIES, type Lexicon, phraseHash, tableRow } from './features.ts';

type Named = Omit<EntityMention, 'canonical'>;

const COUNTRY_BIT = 1 << LEXICON_CATEGORIES.indexOf('country');
const DEMONYM_BIT = 1 << LEXICON_CATEGORIES.indexOf('demonym');

const TEAM = String.raw`\p{Lu}[\p{L}.’'-]*(?: \p{Lu}[\p{L}.’'-]*){0,2}`;

/**
 * The score line that opens each game's paragraph of a results round-up: `Kestrels 4, Herons 2:`,
 * `Red Foxes 3, Owls 2 (OT):`, at the start of the text, of a line or of a sentence. A country in
 * a score line is a national team, LOCATION by CoNLL-2003 practice, and no team name here.
 */
const SCORE_LINE = new RegExp(
  String.raw`(?:^|\n|[.!?]["”’]? )(${TEAM}) \d{1,3}, (${TEAM}) \d{1,3}(?: \([A-Z0-9]{1,4}\))?:`,
  'gu',
);

/** Words before a place name that make it the place itself, not the team named after it. */
const LOCATIVE = /(?:^|[^\p{L}])(?:in|at|from|near|to|into|across|around|outside|of)\s$/iu;

/** Nouns after a place name that make it a person's or a thing's origin (`a Port Vell native`). */
const ORIGIN = /^\s(?:native|natives|resident|residents|area|suburbs?)(?![\p{L}])/u;

/** At least this many score lines make a text a results round-up. */
const MIN_SCORE_LINES = 2;

/**
 * Teams in a results round-up (`Kestrels 4, Herons 2: Ada Pike scored twice and Port Vell beat
 * Lakeport.`): every name of a score line is a team, an ORGANIZATION, and so is every other
 * mention of it in the text (the model, trained on 1996 wire text, types a plural team nickname
 * MISC or LOCATION and misses some); a place mention followed by a team name is one team
 * (`[Port Vell] [Kestrels]` → `[Port Vell Kestrels]`); in a text with two score lines or more, a
 * city mention is the team named after it (the annotation guidelines' `[Marlow] beat
 * [Lakeport]`), unless it is a country (a national team is LOCATION, CoNLL-2003 practice), opens
 * a line (a dateline), follows a locative preposition (`in Port Vell`) or names an origin
 * (`a Port Vell native`); there, a plural name the model typed MISC after "the" is a team as well
 * (`the Kestrels trailed`), unless the gazetteer lists it as a nationality.
 */
export function roundupTeams<T extends Named>(
  text: string,
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): T[] {
  const teams = new Set<string>();
  const lines: { start: number; end: number }[] = [];
  for (const m of text.matchAll(SCORE_LINE)) {
    const head = m[0].indexOf(m[1]!);
    const a = m.index + head;
    const b = m.index + m[0].lastIndexOf(m[2]!);
    lines.push({ start: a, end: a + m[1]!.length }, { start: b, end: b + m[2]!.length });
    for (const name of [m[1]!, m[2]!]) if (!isCountry(name, lexicon)) teams.add(name);
  }
  if (teams.size === 0) return mentions.slice();
  const roundup = lines.length / 2 >= MIN_SCORE_LINES;
  if (roundup) {
    // A plural name after "the" in a round-up is a team too (`the Kestrels trailed`), not a nationality.
    for (const m of mentions) {
      if (m.type !== 'MISC' || !/^\p{Lu}\p{Ll}+s$/u.test(m.text) || isCategory(m.text, lexicon, DEMONYM_BIT))
        continue;
      if (/(?:^|[^\p{L}])the $/iu.test(text.slice(Math.max(0, m.start - 5), m.start))) teams.add(m.text);
    }
  }
  const scoreLine = new Set(lines.map((l) => l.start));
  // A name opening a line that is no score line is a dateline: the place.
  const dateline = (m: Named) => !scoreLine.has(m.start) && (m.start === 0 || text[m.start - 1] === '\n');
  const out: T[] = [];
  const sorted = mentions.slice().sort((x, y) => x.start - y.start);
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    const next = sorted[i + 1];
    if (dateline(m)) {
      out.push(m);
      continue;
    }
    // A place followed by a team name is one team.
    if (
      next &&
      m.type === 'LOCATION' &&
      teams.has(next.text) &&
      text.slice(m.end, next.start) === ' ' &&
      !isCountry(m.text, lexicon)
    ) {
      out.push({ ...m, type: 'ORGANIZATION', end: next.end, text: text.slice(m.start, next.end) });
      i++;
      continue;
    }
    if (teams.has(m.text) && m.type !== 'ORGANIZATION') {
      out.push({ ...m, type: 'ORGANIZATION' });
      continue;
    }
    if (roundup && m.type === 'LOCATION' && isCityTeam(text, m, lexicon)) {
      out.push({ ...m, type: 'ORGANIZATION' });
      continue;
    }
    out.push(m);
  }
  // Score-line names the model missed.
  for (const l of lines) {
    if (out.some((m) => m.start < l.end && l.start < m.end)) continue;
    out.push(team(text, l.start, l.end));
  }
  // Other mentions of team names the model missed: whole-word occurrences no mention overlaps.
  const extra: T[] = [];
  for (const name of teams) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const s = m.index;
      const e = s + name.length;
      if (out.some((o) => o.start < e && s < o.end) || extra.some((o) => o.start < e && s < o.end)) continue;
      extra.push(team(text, s, e));
    }
  }
  return [...out, ...extra].sort((x, y) => x.start - y.start || x.end - y.end);
}

function team<T extends Named>(text: string, start: number, end: number): T {
  return { type: 'ORGANIZATION', start, end, text: text.slice(start, end) } as T;
}

function isCategory(name: string, lexicon: Lexicon | null, bits: number): boolean {
  if (!lexicon) return false;
  const at = tableRow(lexicon.keys, phraseHash(name.toLowerCase().split(' ')));
  return at >= 0 && (lexicon.values[at]! & bits) !== 0;
}

function isCountry(name: string, lexicon: Lexicon | null): boolean {
  return isCategory(name, lexicon, COUNTRY_BIT);
}

function isCityTeam(text: string, m: Named, lexicon: Lexicon | null): boolean {
  if (isCountry(m.text, lexicon)) return false;
  const before = text.slice(Math.max(0, m.start - 12), m.start);
  if (LOCATIVE.test(before)) return false;
  return !ORIGIN.test(text.slice(m.end, m.end + 12));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
