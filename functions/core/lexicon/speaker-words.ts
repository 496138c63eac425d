/** Word lists of speaker resolution (functions/core/nlp/quotes/resolve.ts). Data only. */

/** Words that end a noun phrase walking backwards or forwards: clause and phrase boundaries. */
export const NP_STOP: ReadonlySet<string> = new Set(
  `that which who whom whose when where while because as if after before since and but or nor so than
  though although unless until whether said says told added was were is are be been has have had will
  would could should did does do not to by with from on in at of for about into during then meanwhile
  however`.split(/\s+/),
);

/** Capitalised words that are never a speaker's name. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december today yesterday tonight i we you they he she it
  this that these those there here then but and so yet also however meanwhile still now`.split(/\s+/),
);

export const FEMALE_WORDS: ReadonlySet<string> = new Set([
  'spokeswoman',
  'congresswoman',
  'chairwoman',
  'businesswoman',
  'mother',
  'wife',
  'woman',
  'daughter',
  'sister',
  'queen',
  'actress',
  'widow',
  'grandmother',
  'aunt',
  'niece',
  'girlfriend',
  'princess',
  'duchess',
  'mom',
  'stepmother',
  'councilwoman',
  'assemblywoman',
  'anchorwoman',
  'sportswoman',
]);

export const MALE_WORDS: ReadonlySet<string> = new Set([
  'spokesman',
  'congressman',
  'chairman',
  'businessman',
  'father',
  'husband',
  'man',
  'son',
  'brother',
  'king',
  'actor',
  'widower',
  'grandfather',
  'uncle',
  'nephew',
  'boyfriend',
  'prince',
  'duke',
  'dad',
  'stepfather',
  'councilman',
  'assemblyman',
  'anchorman',
  'sportsman',
]);

export const NOT_APPOSITIVE_START: ReadonlySet<string> = new Set([
  'according',
  'and',
  'but',
  'or',
  'as',
  'he',
  'she',
  'they',
  'it',
  'i',
  'we',
]);

/** A finite verb makes a clause, not a role. */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'has',
  'have',
  'had',
  'is',
  'are',
  'was',
  'were',
  'been',
  'will',
  'would',
]);

/** Adverbs that may open a sentence before its subject. */
export const SENTENCE_ADVERBS: ReadonlySet<string> = new Set([
  'even',
  'also',
  'but',
  'and',
  'meanwhile',
  'still',
  'however',
  'yet',
  'now',
  'so',
  'then',
  'indeed',
]);

/** Words after which a name set off by commas starts a clause of its own. */
export const SET_OFF_OPENERS: ReadonlySet<string> = new Set([
  'what',
  'as',
  'and',
  'but',
  'that',
  'while',
  'whom',
  ',',
  ':',
  '—',
  '--',
]);

export const APPOSITIVE_START: ReadonlySet<string> = new Set([
  'who',
  'which',
  'whose',
  'a',
  'an',
  'the',
  'one',
  'both',
  'himself',
  'herself',
]);

export const DEFINITE: ReadonlySet<string> = new Set(['the', 'this', 'that', 'these', 'those']);

/** Documents that speak for their authors ("A letter … reflected both concerns. “…,” it said."). */
export const DOCUMENT_HEADS: ReadonlySet<string> = new Set(
  `letter memo email e-mail ad advertisement article editorial video message note tweet post document
  filing complaint lawsuit`.split(/\s+/),
);
