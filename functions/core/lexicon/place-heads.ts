/**
 * Last words that make a name a place by CoNLL-2003 conventions: streets, roads and venues
 * (`Orrin Avenue`, `Kestrel Arena`, `Lakeport Amphitheatre`). Lower case; abbreviations keep their
 * period. Data only. Words that also end the names of institutions (`Center`, `Hall`, `House`,
 * `Park`) are left out: `Harlow Research Center` is an organisation.
 */
import { wordSet } from './word-set.ts';

export const PLACE_HEADS: ReadonlySet<string> = wordSet(`
  street st. avenue ave. road rd. drive boulevard blvd. lane highway freeway expressway parkway
  arena amphitheatre amphitheater stadium pavilion
`);
