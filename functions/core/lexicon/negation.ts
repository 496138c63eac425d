/** Words that negate or refuse the speech verb after them: "did not say", "declined to say". */
import { wordSet } from './word-set.ts';

export const NEGATIONS: ReadonlySet<string> = wordSet(`
  not n't never no nor neither cannot can't didn't don't doesn't won't wouldn't couldn't hasn't
  haven't hadn't isn't wasn't weren't declined declines declining refused refuses refusing
`);
