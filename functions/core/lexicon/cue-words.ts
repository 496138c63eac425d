/** Word lists of the direct-quote cue rules (functions/core/nlp/quotes/cues.ts). Data only. */

/** Nouns that share a form with a speech verb: after a determiner they are not cues. */
export const NOUNABLE: ReadonlySet<string> = new Set([
  'praise',
  'comment',
  'report',
  'reports',
  'comment',
  'comments',
  'claim',
  'claims',
  'statement',
  'post',
  'posts',
  'call',
  'calls',
  'charge',
  'charges',
  'label',
  'note',
  'notes',
  'promise',
  'promises',
  'warning',
  'warnings',
  'show',
  'shows',
  'reply',
  'response',
  'tweet',
  'tweets',
  'remarks',
  'remark',
  'pledge',
  'vow',
  'counter',
  'figure',
  'figures',
  'state',
  'states',
  'point',
  'points',
  'reason',
  'signal',
  'hint',
  'hope',
  'fear',
  'fears',
  'worry',
  'worries',
  'estimate',
  'joke',
  'jokes',
  'cry',
  'demand',
  'demands',
  'chant',
  'chants',
]);

/** Irregular past forms that attribute a quotation they follow: `"…," he went on`. */
export const IRREGULAR_PAST: ReadonlySet<string> = new Set([
  'went',
  'shot',
  'spoke',
  'broke',
  'began',
  'swore',
  'struck',
  'shook',
  'threw',
  'sang',
]);

/** Words before a noun-or-verb form that make it the noun. */
export const NOUN_BEFORE: ReadonlySet<string> = new Set([
  'in',
  'for',
  'with',
  'by',
  'to',
  'conference',
  'phone',
  'press',
  'news',
  'twitter',
  'facebook',
  'public',
  'recent',
  'earlier',
  'previous',
  'latest',
  'own',
  'first',
  'last',
  'new',
]);

/** "-ed" words that are auxiliaries or adverbs, not participles modifying a noun. */
export const AUX_ED: ReadonlySet<string> = new Set(['need', 'indeed', 'reportedly', 'allegedly']);

/** Verb forms too ambiguous to cue a quotation from before it (they mostly have other senses). */
export const WEAK_BEFORE: ReadonlySet<string> = new Set([
  'know',
  'knows',
  'knew',
  'known',
  'find',
  'found',
  'finds',
  'feel',
  'feels',
  'felt',
  'show',
  'shows',
  'showed',
  'shown',
  'continue',
  'continued',
  'continues',
  'point',
  'points',
  'state',
  'states',
  'figure',
  'hope',
  'hoped',
  'worry',
  'worried',
  'expect',
  'expected',
  'fear',
  'feared',
  'post',
  'posted',
  'charge',
  'charged',
  'guess',
  'believe',
  'believes',
  'believed',
  'think',
  'thinks',
  'thought',
  'wonder',
  'wondered',
]);

/** Speech verbs whose following noun phrase is their object, never an inverted subject. */
export const NO_INVERSION: ReadonlySet<string> = new Set(
  `describe describes described call calls called dub dubs dubbed label labels labeled labelled
  characterize characterizes characterized charge charges charged accuse accuses accused blast blasts
  blasted slam slams slammed mock mocks mocked praise praises praised urge urges urged demand demands
  demanded inform informs informed advise advises advised assure assures assured reassure reassures
  reassured tell tells told recommend recommends recommended propose proposes proposed believe
  believes believed think thinks thought feel feels felt hope hopes hoped fear fears feared expect
  expects expected know knows knew figure figures figured guess guesses guessed show shows showed
  find finds found reveal reveals revealed disclose discloses disclosed indicate indicates indicated
  signal signals signaled signalled hint hints hinted deny denies denied confirm confirms confirmed
  estimate estimates estimated rebut rebuts rebutted scold scolds scolded rebuke rebukes rebuked
  admonish admonishes admonished beg begs begged implore implores implored taunt taunts taunted
  tease teases teased chide chides chided tout touts touted`.split(/\s+/),
);

export const NP_STOP_WORDS: ReadonlySet<string> = new Set([
  'when',
  'while',
  'as',
  'if',
  'and',
  'but',
  'or',
  'that',
  'which',
  'who',
  'because',
  'so',
  'than',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'from',
  'by',
  'about',
  'is',
  'was',
  'are',
  'were',
  'be',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'not',
  'after',
  'before',
  'since',
  'until',
  'though',
  'although',
  'whereas',
]);

export const COORD: ReadonlySet<string> = new Set([',', 'and', 'but', 'then', 'also', 'or', 'yet']);

/** Participles that only report speech. */
export const SAYING: ReadonlySet<string> = new Set([
  'saying',
  'asserting',
  'adding',
  'noting',
  'insisting',
  'arguing',
  'declaring',
  'explaining',
  'writing',
  'telling',
  'stating',
  'replying',
]);

/** Conjunctions opening a fronted subordinate clause ("While …, X said"). */
export const SUBORDINATORS: ReadonlySet<string> = new Set([
  'while',
  'although',
  'though',
  'whereas',
  'because',
  'since',
  'if',
  'unless',
]);

/** Words opening a clause of its own after a comma ("…, as X echoed …", "…, though he used …"). */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'as',
  'when',
  'while',
  'though',
  'although',
  'because',
  'since',
  'whereas',
  'but',
  'after',
  'before',
]);

/** Nouns naming what someone said: "Trump’s claim that …", "his remarks about …". */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set(
  `claim claims statement statements remark remarks comment comments assertion assertions promise
  promises pledge pledges words description characterization argument arguments warning warnings vow
  suggestion insistence boast accusation accusations declaration prediction plea quip tweet tweets
  contention charge`.split(/\s+/),
);
