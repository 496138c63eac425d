import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { POSITION_HEADS } from '../../lexicon/positions.ts';
import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { LEXICON_CATEGORIES, type Lexicon, phraseHash, tableRow } from './features.ts';

type Named = Omit<EntityMention, 'canonical'>;

/**
 * Nouns that, right after a name (or its possessive), say the name is a company or another
 * organisation: its spokesperson, chief executive, founder, staff, shares or headquarters
 * (`a Kestrel spokesperson`, `Kestrel's CEO`, `Kestrel shares closed`).
 */
const ORG_NOUNS = new Set([
  'spokesperson',
  'spokespeople',
  'spokesman',
  'spokeswoman',
  'CEO',
  'founder',
  'co-founder',
  'cofounder',
  'employees',
  'executives',
  'shareholders',
  'headquarters',
  'shares',
  'stock',
]);

/** An organisation noun after a name or its possessive, and the word after it. */
const CUE = new RegExp(` (${[...ORG_NOUNS].join('|')})(?![\\p{L}\\p{N}-])(?: (\\p{L}+))?`, 'gu');

/** After `shares` or `stock` as a verb (`Orr shares his notes`) comes an object; after the noun, a verb. */
const OBJECT_OPENERS = new Set(
  'a an the his her their its my our your this that these those some no one two it them him us'.split(' '),
);

const DEMONYM_BIT = 1 << LEXICON_CATEGORIES.indexOf('demonym');
const PLACE_BITS = ['country', 'region', 'city'].reduce(
  (bits, c) => bits | (1 << LEXICON_CATEGORIES.indexOf(c as (typeof LEXICON_CATEGORIES)[number])),
  0,
);

/** Professions that work at an institution, besides the titles and positions (`a researcher at Kestrel`). */
const WORKERS = new Set(['researcher', 'scientist', 'engineer', 'fellow', 'lecturer']);

const NAME = /^\p{Lu}[\p{L}\p{N}&-]*(?: \p{Lu}[\p{L}\p{N}&-]*){0,2}$/u;

/**
 * A name the text itself gives an organisation's noun (`a Kestrel spokesperson`, `Kestrel's CEO
 * said`, `Kestrel shares closed up`) is an organisation: every mention of that name the model
 * typed PERSON or MISC becomes ORGANIZATION (companies of today's news that 1996 wire text never
 * shows are typed from their shape alone). Not a name the document also gives as part of a longer
 * person's name (`Ada Kestrel`), after an honorific or a title (`Mr. Kestrel`), a known first
 * name, or a nationality (`a Westmarkian spokesman`); places keep their type (`White House
 * spokesman`, `Port Vell shares fell`). `shares` and `stock` count only as nouns (not `Orr shares
 * his notes`) and only for a name typed PERSON: a MISC name before them is an index or a
 * nationality (`the K-40 shares`).
 */
export function organisationsByCue<T extends Named>(
  text: string,
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): T[] {
  const candidates = new Map<string, Set<string>>();
  for (const m of mentions) {
    if ((m.type !== 'PERSON' && m.type !== 'MISC') || !NAME.test(m.text)) continue;
    if (m.type === 'MISC' && lexicon) {
      const at = tableRow(lexicon.keys, phraseHash(m.text.toLowerCase().split(' ')));
      if (at >= 0 && lexicon.values[at]! & DEMONYM_BIT) continue;
    }
    const types = candidates.get(m.text) ?? new Set<string>();
    types.add(m.type);
    candidates.set(m.text, types);
  }
  if (candidates.size === 0) return mentions.slice();
  // Surnames and first names of people named in full are no candidates.
  for (const m of mentions) {
    if (m.type !== 'PERSON' || !/\s/.test(m.text)) continue;
    for (const w of m.text.split(/\s+/)) candidates.delete(w);
  }
  // One pass over the text for the nouns; the name is the text right before each (and its possessive).
  // Candidates by their last word, so each noun weighs only the names that can end before it.
  const byLast = new Map<string, string[]>();
  for (const name of candidates.keys()) {
    const last = name.slice(name.lastIndexOf(' ') + 1);
    byLast.set(last, [...(byLast.get(last) ?? []), name]);
  }
  const cued = new Set<string>();
  for (const c of text.matchAll(CUE)) {
    const noun = c[1]!;
    const before = text.slice(Math.max(0, c.index - 60), c.index).replace(/[’']s$/u, '');
    const last = before.slice(Math.max(0, before.search(/\S+$/u))).replace(/^[^\p{L}\p{N}]+/u, '');
    for (const name of byLast.get(last) ?? []) {
      const types = candidates.get(name)!;
      if (cued.has(name) || !before.endsWith(name)) continue;
      const prev = before[before.length - name.length - 1];
      if (prev !== undefined && /[\p{L}\p{N}.]/u.test(prev)) continue;
      if (
        (noun === 'shares' || noun === 'stock') &&
        (types.has('MISC') || OBJECT_OPENERS.has((c[2] ?? '').toLowerCase()))
      )
        continue;
      cued.add(name);
    }
  }
  const org = new Set<string>();
  for (const name of cued) {
    const lower = name.toLowerCase();
    if (MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower)) continue;
    // A name after an honorific or an abbreviated title anywhere in the text is a person's.
    const titled = new RegExp(
      `(?<![\\p{L}\\p{N}.])[A-Z][a-z]{0,3}\\. ${escapeRegExp(name)}(?![\\p{L}\\p{N}])`,
      'u',
    );
    if (!titled.test(text)) org.add(name);
  }
  if (org.size === 0) return mentions.slice();
  return mentions.map((m) =>
    (m.type === 'PERSON' || m.type === 'MISC') && org.has(m.text) ? { ...m, type: 'ORGANIZATION' } : m,
  );
}

/**
 * A name someone works at is an organisation (`a senior analyst at Kestrel`, `researchers at
 * Orrwick`): a name right after a title, position or profession (lexicon/positions.ts, singular
 * or plural) and `at` is ORGANIZATION in all the mentions the model typed LOCATION, PERSON or
 * MISC; not a name the gazetteer lists as a place (`an economist at Westmark` may be a city's),
 * a surname of a person named in full, or a known first name.
 */
export function workplaces<T extends Named>(
  text: string,
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): T[] {
  const people = new Set<string>();
  for (const m of mentions) {
    if (m.type === 'PERSON' && /\s/.test(m.text)) for (const w of m.text.split(/\s+/)) people.add(w);
  }
  const org = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'LOCATION' && m.type !== 'PERSON' && m.type !== 'MISC') continue;
    if (!NAME.test(m.text) || people.has(m.text) || org.has(m.text)) continue;
    const window = text.slice(Math.max(0, m.start - 30), m.start);
    if (!window.includes(' at ')) continue;
    const before = /(\p{L}+) at (?:the )?$/u.exec(window);
    if (!before) continue;
    const word = before[1]!.toLowerCase().replace(/s$/u, '');
    if (!POSITION_HEADS.has(word) && !WORKERS.has(word) && !POSITION_HEADS.has(before[1]!.toLowerCase()))
      continue;
    const lower = m.text.toLowerCase();
    if (MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower)) continue;
    if (lexicon) {
      const at = tableRow(lexicon.keys, phraseHash(lower.split(' ')));
      if (at >= 0 && lexicon.values[at]! & (PLACE_BITS | DEMONYM_BIT)) continue;
    }
    org.add(m.text);
  }
  if (org.size === 0) return mentions.slice();
  return mentions.map((m) =>
    m.type !== 'ORGANIZATION' && m.type !== 'DATE' && org.has(m.text) ? { ...m, type: 'ORGANIZATION' } : m,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
