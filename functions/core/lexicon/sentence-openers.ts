import { wordSet } from './word-set.ts';

/**
 * Words that open a sentence or clause (articles, pronouns, conjunctions, subordinators). After an
 * abbreviation that keeps its period (`U.S.`, `a.m.`), a capitalised one of these tells that the
 * period also ended the sentence: `… sold in the U.S. While prices rose …`. Data only.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = wordSet(`
  the he she it they we i but and in a an this that while when if although though after before
  since because however meanwhile there his her their its our you yet
`);
