/**
 * Words that name a thing rather than report speech: what follows them in quotation marks is a
 * term, a nickname or a slogan ("the phrase “slow boom”", "so-called “ghost fleet”", "known as
 * “the Lighthouse”"); and the first- and second-person words that mark a quoted span as someone's
 * speech. Data only.
 */

import { wordSet } from './word-set.ts';

/** Nouns for a quoted word or phrase: "the term “…”", "the slogan “…”". */
export const TERM_NOUNS: ReadonlySet<string> = wordSet(`
term terms phrase phrases word words expression label slogan slogans motto nickname moniker
name hashtag catchphrase tagline buzzword shorthand euphemism epithet title headline banner
`);

/** Single words before a term that show it is a name: "so-called “…”", "known as “…”". */
export const TERM_MARKERS: ReadonlySet<string> = wordSet(`
so-called dubbed nicknamed known
`);

/**
 * Words before "called" that make it a name given, not a judgement someone made: "what's called
 * “…”", "a rash that is called “…”" (against "she called it “…”").
 */
export const NAMING_CALLED_BEFORE: ReadonlySet<string> = wordSet(`
what's what is are
`);

/** Things that carry written words: "placards reading “…”", "signs with sayings such as “…”". */
export const SIGN_NOUNS: ReadonlySet<string> = wordSet(`
sign signs placard placards banner banners poster posters billboard billboards sticker stickers
t-shirt t-shirts shirt shirts sayings
`);

/** Words right before a sign's text: "reading", "that read", "such as". */
export const SIGN_TEXT_BEFORE: ReadonlySet<string> = wordSet(`
reading read reads saying as
`);

/** First- and second-person words: a quoted span holding one is someone's speech. */
export const SPEAKER_WORDS: ReadonlySet<string> = wordSet(`
i i'm i've i'd i'll me my mine myself we we're we've we'd we'll us our ours ourselves
you you're you've you'd you'll your yours yourself yourselves
`);
