import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { PLACE_HEADS } from '../../lexicon/place-heads.ts';
import { ORGANIZATION_NAME_WORDS } from '../../lexicon/positions.ts';
import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { LEXICON_CATEGORIES, type Lexicon, phraseHash, tableRow } from './features.ts';

type Named = Omit<EntityMention, 'canonical'>;

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

function listed(phrase: string, lexicon: Lexicon | null): boolean {
  if (!lexicon) return false;
  const at = tableRow(lexicon.keys, phraseHash(phrase.toLowerCase().split(' ')));
  return at >= 0 && (lexicon.values[at]! & PLACE_OR_ORG_BITS) !== 0;
}
