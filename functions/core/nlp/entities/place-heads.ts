import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../../lexicon/first-names.ts';
import { NON_PERSON_PLACE_HEADS, PLACE_HEADS, VENUE_ENDS } from '../../lexicon/place-heads.ts';
import type { EntityMention } from '../../types.ts';

type Named = Omit<EntityMention, 'canonical'>;

/**
 * Streets, roads and venues are places (CoNLL-2003 conventions): a named mention of two words or
 * more whose last word is a street or venue head (`Orrin Avenue`, `Kestrel Bank Arena`,
 * `Lakeport Amphitheatre`, `Orvane Music Center`) is LOCATION whatever type the model gave it, and
 * a PERSON mention ending in a venue word no person's name ends with (`Kestrel Center`) too. Venues named after their
 * sponsor read like companies and streets named after people like people, and 1996 wire text has
 * few of either. A person whose name is a known first name and a surname that is also a street
 * word (`Barry Lane`, `Rosa Street`) stays a person.
 */
export function placesByHead<T extends Named>(mentions: T[]): T[] {
  return mentions.map((m) => {
    if (m.type === 'LOCATION' || !isNamedType(m.type)) return m;
    const words = m.text.split(/\s+/);
    if (words.length < 2) return m;
    const last = words[words.length - 1]!.toLowerCase();
    const lastTwo = `${words[words.length - 2]!.toLowerCase()} ${last}`;
    const head =
      PLACE_HEADS.has(last) ||
      VENUE_ENDS.has(lastTwo) ||
      (m.type === 'PERSON' && NON_PERSON_PLACE_HEADS.has(last));
    if (!head) return m;
    if (m.type === 'PERSON' && words.length === 2 && isFirstName(words[0]!)) return m;
    return { ...m, type: 'LOCATION' };
  });
}

function isNamedType(t: string): boolean {
  return t === 'PERSON' || t === 'ORGANIZATION' || t === 'MISC';
}

function isFirstName(w: string): boolean {
  const l = w.toLowerCase();
  return MALE_FIRST_NAMES.has(l) || FEMALE_FIRST_NAMES.has(l);
}
