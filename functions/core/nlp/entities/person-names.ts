import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { PLACE_HEADS } from '../../lexicon/place-heads.ts';
import {
  AMBIGUOUS_TITLE_HEADS,
  ORGANIZATION_NAME_WORDS,
  POSITION_HEADS,
  POSITION_MODIFIERS,
} from '../../lexicon/positions.ts';
import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { LEXICON_CATEGORIES, type Lexicon, phraseHash, tableRow } from './features.ts';

type Named = Omit<EntityMention, 'canonical'>;

const PLACE_BITS = ['country', 'region', 'city'].reduce(
  (bits, c) => bits | (1 << LEXICON_CATEGORIES.indexOf(c as (typeof LEXICON_CATEGORIES)[number])),
  0,
);

const PLACE_OR_ORG_BITS = ['country', 'region', 'city', 'org', 'team', 'brand'].reduce(
  (bits, c) => bits | (1 << LEXICON_CATEGORIES.indexOf(c as (typeof LEXICON_CATEGORIES)[number])),
  0,
);

/** A first name, an optional middle initial, a surname (hyphenated too): `Ada K. Orr`, `Ben Orr-Vane`. */
const FULL_NAME = /^(\p{Lu}\p{Ll}+) (?:\p{Lu}\. )?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)$/u;

const isFirstName = (w: string) => MALE_FIRST_NAMES.has(w) || FEMALE_FIRST_NAMES.has(w);

/**
 * People named by their names are people, whatever type the model gave a mention (it learned
 * names from 1996 wire text and types a name it has not seen from its neighbours): a mention
 * typed ORGANIZATION, LOCATION or MISC that is (a) written exactly as a person the document names
 * in full, (b) one word that is the surname of such a person (`Orr` after `Ada Orr`), or (c) a
 * known first name, an optional middle initial and a surname (`Ada K. Orr`), becomes PERSON;
 * never a name the gazetteer lists as a place, company or team (`Jordan`, `Austin`), or (c) with
 * an organisation or street word (`Ada Orr Foundation`, `Ben Orr Avenue`).
 */
export function peopleByName<T extends Named>(
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): T[] {
  const full = new Set<string>();
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const words = m.text.split(/\s+/);
    if (words.length < 2) continue;
    full.add(m.text);
    surnames.add(words[words.length - 1]!);
  }
  return mentions.map((m) => {
    if (m.type === 'PERSON' || (m.type !== 'ORGANIZATION' && m.type !== 'LOCATION' && m.type !== 'MISC'))
      return m;
    if (listed(m.text, lexicon)) return m;
    if (full.has(m.text) || (!/\s/.test(m.text) && surnames.has(m.text))) return { ...m, type: 'PERSON' };
    const name = FULL_NAME.exec(m.text);
    if (!name) return m;
    const words = m.text.toLowerCase().split(' ');
    if (!isFirstName(words[0]!)) return m;
    if (words.some((w) => ORGANIZATION_NAME_WORDS.has(w) || PLACE_HEADS.has(w))) return m;
    if (listed(name[2]!, lexicon)) return m;
    return { ...m, type: 'PERSON' };
  });
}

/**
 * A place before a title inside one person mention is a place of its own (annotation guidelines:
 * `[Westmark] Trade Representative [Ben Orr]`): a PERSON mention `PLACE TITLE NAME` whose title
 * is an abbreviated or unambiguous position (`Rep.`, `Governor`, `Ombudsman`, with its modifiers:
 * `State Sen.`) and whose opening words the gazetteer lists as a place becomes LOCATION for the
 * place and PERSON for the name; the title between them is left out, so grouping reads it as the
 * person's role.
 */
export function placesBeforeTitles<T extends Named>(
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): (T | Named)[] {
  if (!lexicon) return mentions.slice();
  const out: (T | Named)[] = [];
  for (const m of mentions) {
    const split = m.type === 'PERSON' ? splitPlaceTitle(m.text) : null;
    if (!split || !listedAs(split.place, lexicon, PLACE_BITS)) {
      out.push(m);
      continue;
    }
    const nameStart = m.start + split.nameAt;
    out.push({ type: 'LOCATION', start: m.start, end: m.start + split.place.length, text: split.place });
    out.push({ ...m, start: nameStart, text: m.text.slice(split.nameAt) });
  }
  return out;
}

function splitPlaceTitle(text: string): { place: string; nameAt: number } | null {
  const words = [...text.matchAll(/\S+/gu)];
  if (words.length < 3) return null;
  for (let i = 1; i < words.length - 1; i++) {
    const raw = words[i]![0];
    const bare = raw.toLowerCase().replace(/\.$/, '');
    if (!POSITION_HEADS.has(bare)) continue;
    if (!raw.endsWith('.') && AMBIGUOUS_TITLE_HEADS.has(bare)) return null;
    let first = i;
    while (first > 1 && POSITION_MODIFIERS.has(words[first - 1]![0].toLowerCase().replace(/\.$/, '')))
      first--;
    const name = words.slice(i + 1);
    if (!name.every((w) => /^\p{Lu}/u.test(w[0]))) return null;
    const place = text.slice(0, words[first - 1]!.index + words[first - 1]![0].length);
    return { place, nameAt: name[0]!.index };
  }
  return null;
}

function listed(phrase: string, lexicon: Lexicon | null): boolean {
  return listedAs(phrase, lexicon, PLACE_OR_ORG_BITS);
}

function listedAs(phrase: string, lexicon: Lexicon | null, bits: number): boolean {
  if (!lexicon) return false;
  const at = tableRow(lexicon.keys, phraseHash(phrase.toLowerCase().split(' ')));
  return at >= 0 && (lexicon.values[at]! & bits) !== 0;
}
