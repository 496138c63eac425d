import { ACRONYMS } from '../../lexicon/acronyms.ts';
import { nerModel } from '../../model/ner.ts';
import type { EntityMention } from '../../types.ts';
import { LEXICON_CATEGORIES, type Lexicon, phraseHash, tableRow } from './features.ts';

type Named = Omit<EntityMention, 'canonical'>;

const PLACE_BITS =
  (1 << LEXICON_CATEGORIES.indexOf('country')) |
  (1 << LEXICON_CATEGORIES.indexOf('region')) |
  (1 << LEXICON_CATEGORIES.indexOf('city'));
const ORG_BIT = 1 << LEXICON_CATEGORIES.indexOf('org');

/**
 * An acronym of a place is a place: a mention typed ORGANIZATION or MISC that is a well-known
 * acronym (lexicon/acronyms.ts) whose expansion the gazetteer lists as a country, region or city
 * and not as an organisation (`UAE` for United Arab Emirates) is LOCATION. Today's news writes
 * country acronyms without dots, which 1996 wire text, where the model learned them, never does.
 */
export function placeAcronyms<T extends Named>(
  mentions: readonly T[],
  lexicon: Lexicon | null = nerModel().lexicon,
): T[] {
  if (!lexicon) return mentions.slice();
  return mentions.map((m) => {
    if (m.type !== 'ORGANIZATION' && m.type !== 'MISC') return m;
    const letters = m.text.replace(/[.\s]/g, '');
    if (!/^[A-Z]{2,5}$/.test(letters)) return m;
    const expansion = ACRONYMS.get(letters);
    if (!expansion) return m;
    const at = tableRow(lexicon.keys, phraseHash(expansion.toLowerCase().split(' ')));
    if (at < 0) return m;
    const mask = lexicon.values[at]!;
    if (!(mask & PLACE_BITS) || mask & ORG_BIT) return m;
    return { ...m, type: 'LOCATION' };
  });
}
