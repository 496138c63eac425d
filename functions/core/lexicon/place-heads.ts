/**
 * Last words that make a name a place by CoNLL-2003 conventions: streets, roads and venues
 * (`Orrin Avenue`, `Kestrel Arena`, `Lakeport Amphitheatre`). Lower case; abbreviations keep their
 * period. Data only. Words that also end the names of institutions (`Center`, `Hall`, `House`,
 * `Park`) are left out: `Harlow Research Center` is an organisation.
 */
import { wordSet } from './word-set.ts';

export const PLACE_HEADS: ReadonlySet<string> = wordSet(`
  street st. avenue ave. road rd. drive boulevard blvd. lane highway freeway expressway parkway
  arena amphitheatre amphitheater stadium pavilion theatre theater
`);

/**
 * Two-word ends of venue names whose last word alone also ends institutions' names (`Kestrel
 * Music Center` is a venue, `Harlow Research Center` an organisation).
 */
export const VENUE_ENDS: ReadonlySet<string> = new Set(
  ['music', 'arts', 'convention', 'events', 'event', 'civic', 'exhibition', 'performing'].flatMap((w) => [
    `${w} center`,
    `${w} centre`,
  ]),
);

/** Last words that end venue names and never a person's name: a PERSON mention ending so is a place. */
export const NON_PERSON_PLACE_HEADS: ReadonlySet<string> = wordSet(`center centre stage`);
