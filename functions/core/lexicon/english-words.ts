/**
 * The commonest English function words: a text in which almost none of the words is one of them
 * is not English (the quote cues and speaker rules read English only). Data only.
 */

import { wordSet } from './word-set.ts';

export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = wordSet(`
the of and to a in is was that for it on with as at by from he she they said his her their has
have had be are were this not but
`);
