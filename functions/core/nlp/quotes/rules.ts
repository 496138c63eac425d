/**
 * The named rules of direct-quote attribution, in the order they are tried. Each has an id (used
 * by the trace, the ablation and the `disabled` option), a one-line doc, and invented examples
 * that test/core/nlp/quotes/rules.test.ts checks it fires on.
 *
 * Sieves run in table order for each quotation; the first that finds a speaker wins. A rule of a
 * group (`near`, `tail`, `head`) may instead STOP its group: the group's remaining rules are not
 * tried and the next group's are. Guards only ever STOP. Modifiers are tested inside another rule
 * (their switch changes how it decides). Fallbacks run after continuation (continuation.ts), for
 * quotations still without a speaker.
 */

import type { EntityType } from '../../types.ts';
import type { Ctx } from './context.ts';
import { tokenAt } from './context.ts';
import {
  type CueHit,
  clauseSubject,
  type HeadFrame,
  headAccordingTo,
  headAsPutIt,
  headFrame,
  headVerb,
  headVerbFirst,
  type NearScan,
  nearDescribed,
  nearNamed,
  nearPronoun,
  nearScan,
  type Outcome,
  possessiveCue,
  STOP,
  sentenceEndCue,
  subjectCue,
  type TailScan,
  tailAccordingTo,
  tailAnyVerb,
  tailClauseWord,
  tailIntroducesNext,
  tailInverted,
  tailNextSentence,
  tailObjectVerb,
  tailOwnReport,
  tailParticiple,
  tailScan,
  tailSubjectVerb,
} from './cues.ts';
import { INDIRECT_RULES } from './indirect-rules.ts';
import type { MarkedQuote } from './marks.ts';
import type { Discourse } from './resolve.ts';

/** An invented example a rule fires on. */
export interface RuleExample {
  readonly text: string;
  /** Entity mentions a recogniser would give (every occurrence of each text). */
  readonly names?: readonly [string, EntityType][];
  /** The speaker name the quotation the rule fired on ends with; null: no speaker. */
  readonly speaker?: string | null;
}

export type RuleKind = 'sieve' | 'guard' | 'modifier' | 'fallback' | 'resolver' | 'continuation';

export interface RuleInfo {
  readonly id: string;
  readonly kind: RuleKind;
  readonly doc: string;
  readonly examples: readonly RuleExample[];
}

/** One quotation's surroundings, computed once and shared by the rules that need them. */
export class QuoteSite {
  readonly open: number;
  readonly after: number;
  readonly frame: HeadFrame | null;
  private tailMemo: TailScan | null | undefined;
  private nearMemo: NearScan | null | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly d: Discourse,
    readonly q: MarkedQuote,
  ) {
    this.open = tokenAt(ctx, q.start);
    this.after = tokenAt(ctx, q.end);
    this.frame = headFrame(ctx, this.open);
  }

  get tail(): TailScan | null {
    if (this.tailMemo === undefined) this.tailMemo = tailScan(this.ctx, this.d, this.q, this.after);
    return this.tailMemo;
  }

  get near(): NearScan | null {
    if (this.nearMemo === undefined)
      this.nearMemo = this.frame ? nearScan(this.ctx, this.d, this.frame) : null;
    return this.nearMemo;
  }
}

export interface Sieve extends RuleInfo {
  readonly kind: 'sieve' | 'guard' | 'fallback';
  /** Rules of one group sit together; STOP skips the rest of the group. */
  readonly group: string;
  readonly match: (ctx: Ctx, d: Discourse, s: QuoteSite) => Outcome;
}

const P = 'PERSON';
const O = 'ORGANIZATION';

function near(f: (ctx: Ctx, d: Discourse, n: NearScan) => Outcome) {
  return (ctx: Ctx, d: Discourse, s: QuoteSite): Outcome => (s.near ? f(ctx, d, s.near) : null);
}
function tail(f: (ctx: Ctx, d: Discourse, t: TailScan, q: MarkedQuote) => Outcome) {
  return (ctx: Ctx, d: Discourse, s: QuoteSite): Outcome => (s.tail ? f(ctx, d, s.tail, s.q) : null);
}
function head(f: (ctx: Ctx, d: Discourse, h: HeadFrame) => Outcome) {
  return (ctx: Ctx, d: Discourse, s: QuoteSite): Outcome => (s.frame ? f(ctx, d, s.frame) : null);
}

/** Cue sieves, in the order they are tried. */
export const CUE_SIEVES: readonly Sieve[] = [
  {
    id: 'near.pronoun',
    kind: 'sieve',
    group: 'near',
    doc: 'a pronoun and a speech verb right before the quotation',
    examples: [
      {
        text: 'Nadia Brook walked onto the stage. Then she said, "We will rebuild the pier."',
        names: [['Nadia Brook', P]],
        speaker: 'Nadia Brook',
      },
    ],
    match: near(nearPronoun),
  },
  {
    id: 'near.named',
    kind: 'sieve',
    group: 'near',
    doc: 'a named person or organisation right before a speech verb and a comma, or a naming verb',
    examples: [
      {
        text: 'The harbor, Lena Voss said, "is the town\'s whole economy."',
        names: [['Lena Voss', P]],
        speaker: 'Lena Voss',
      },
    ],
    match: near(nearNamed),
  },
  {
    id: 'near.described',
    kind: 'sieve',
    group: 'near',
    doc: 'a described subject ("the 52-year-old nurse") with its verb and a comma right before',
    examples: [
      {
        text: 'Asked about the wait, the 52-year-old nurse replied, "We have no beds left."',
        speaker: 'the 52-year-old nurse',
      },
    ],
    match: near(nearDescribed),
  },
  {
    id: 'tail.according-to',
    kind: 'sieve',
    group: 'tail',
    doc: '"…," according to X',
    examples: [
      {
        text: '"Orders doubled in the spring," according to Kestrel Foods.',
        names: [['Kestrel Foods', O]],
        speaker: 'Kestrel Foods',
      },
    ],
    match: tail((c, d, t) => tailAccordingTo(c, d, t)),
  },
  {
    id: 'tail.participle',
    kind: 'sieve',
    group: 'tail',
    doc: 'a participle after the quotation ("…, saying") continues the sentence subject',
    examples: [
      {
        text: 'Omar Reyes called the vote "a turning point," adding that more work remained.',
        names: [['Omar Reyes', P]],
        speaker: 'Omar Reyes',
      },
    ],
    match: tail((c, d, t, q) => tailParticiple(c, d, t, q)),
  },
  {
    id: 'tail.object-verb',
    kind: 'guard',
    group: 'tail',
    doc: 'a verb taking an object after the quotation ("…," told the panel) is not inverted',
    examples: [
      {
        text: '"It is a fair deal," told the board little it did not know.',
        speaker: null,
      },
    ],
    match: tail((c, _d, t) => tailObjectVerb(c, t)),
  },
  {
    id: 'tail.inverted',
    kind: 'sieve',
    group: 'tail',
    doc: '"…," said X: a speech verb and its subject after it',
    examples: [
      {
        text: '"The bridge will open in May," said Tomas Arlen.',
        names: [['Tomas Arlen', P]],
        speaker: 'Tomas Arlen',
      },
    ],
    match: tail((c, d, t) => tailInverted(c, d, t)),
  },
  {
    id: 'tail.next-sentence',
    kind: 'guard',
    group: 'tail',
    doc: 'after a quotation closing its sentence, only a short sentence ending with its cue attributes it',
    examples: [
      {
        text: 'Paula Marsh spoke first. "We are done." Later that week the regional council led by Anton Weir said the plan had failed.',
        names: [
          ['Paula Marsh', P],
          ['Anton Weir', P],
        ],
      },
    ],
    match: tail((c, _d, t) => tailNextSentence(c, t)),
  },
  {
    id: 'tail.introduces-next',
    kind: 'guard',
    group: 'tail',
    doc: 'a clause after a closed quotation that runs into the next quotation introduces that one',
    examples: [
      {
        text: 'Ruth Okafor smiled. "We won." She then told the crowd: "Not yet."',
        names: [['Ruth Okafor', P]],
      },
    ],
    match: tail((c, _d, t) => tailIntroducesNext(c, t)),
  },
  {
    id: 'tail.own-report',
    kind: 'guard',
    group: 'tail',
    doc: 'a new sentence of a pronoun, a speech verb and "that" reports something of its own',
    examples: [
      {
        text: 'Carla Diaz greeted the crowd. "Thank you all." She noted that buses had come from three states.',
        names: [['Carla Diaz', P]],
      },
    ],
    match: tail((c, d, t) => tailOwnReport(c, d, t)),
  },
  {
    id: 'tail.clause-word',
    kind: 'guard',
    group: 'tail',
    doc: 'a clause after the quotation opening with a conjunction, preposition or auxiliary is no cue',
    examples: [
      {
        text: 'Fans chanted "one more song" while Mila Hart said goodbye.',
        names: [['Mila Hart', P]],
      },
    ],
    match: tail((c, _d, t) => tailClauseWord(c, t)),
  },
  {
    id: 'tail.any-verb',
    kind: 'sieve',
    group: 'tail',
    doc: '"…," the coach grumbled: a subject and any past or present verb after a comma-ended quotation',
    examples: [
      {
        text: '"That was a gift," Dario Venn smirked after the match.',
        names: [['Dario Venn', P]],
        speaker: 'Dario Venn',
      },
    ],
    match: tail((c, d, t) => tailAnyVerb(c, d, t)),
  },
  {
    id: 'tail.subject-verb',
    kind: 'sieve',
    group: 'tail',
    doc: '"…," X said / X, a spokesman for Y, said / he said',
    examples: [
      {
        text: '"We need more nurses," Alma Quist said.',
        names: [['Alma Quist', P]],
        speaker: 'Alma Quist',
      },
    ],
    match: tail((c, d, t) => tailSubjectVerb(c, d, t)),
  },
  {
    id: 'head.according-to',
    kind: 'sieve',
    group: 'head',
    doc: '"According to X, …" before the quotation in its sentence',
    examples: [
      {
        text: 'According to Pell Analytics, the market is "running out of room."',
        names: [['Pell Analytics', O]],
        speaker: 'Pell Analytics',
      },
    ],
    match: head(headAccordingTo),
  },
  {
    id: 'head.as-put-it',
    kind: 'sieve',
    group: 'head',
    doc: 'a fronted "As X put it, …"',
    examples: [
      {
        text: 'As Irene Sol put it in her letter, the rule is "a tax on the poor."',
        names: [['Irene Sol', P]],
        speaker: 'Irene Sol',
      },
    ],
    match: head(headAsPutIt),
  },
  {
    id: 'head.verb-first',
    kind: 'sieve',
    group: 'head',
    doc: 'a capitalised speech verb opening the sentence, its subject after it ("Said X: …")',
    examples: [
      {
        text: 'Said Rosa Lind, who ran the bakery for years: "We never closed."',
        names: [['Rosa Lind', P]],
        speaker: 'Rosa Lind',
      },
    ],
    match: head(headVerbFirst),
  },
  {
    id: 'head.verb',
    kind: 'sieve',
    group: 'head',
    doc: 'a speech verb earlier in the sentence and its subject ("X said the plan was “…”")',
    examples: [
      {
        text: 'Jonas Keel said the new rules were "a mess from the start."',
        names: [['Jonas Keel', P]],
        speaker: 'Jonas Keel',
      },
    ],
    match: head(headVerb),
  },
  {
    id: 'end.clause',
    kind: 'sieve',
    group: 'end',
    doc: 'a cue closing the sentence a partial quotation sits in ("“…” of the plan, X said.")',
    examples: [
      {
        text: 'The "gift to landlords" in the bill must go, Nils Ek said.',
        names: [['Nils Ek', P]],
        speaker: 'Nils Ek',
      },
    ],
    match: (ctx, d, s) => sentenceEndCue(ctx, d, s.q, s.after),
  },
  {
    id: 'possessive.claim',
    kind: 'sieve',
    group: 'possessive',
    doc: "a possessor of a speech noun shortly before the quotation (X's claim that …)",
    examples: [
      {
        text: 'Tilda Marr\'s claim that the fund was "fully covered" drew doubts.',
        names: [['Tilda Marr', P]],
        speaker: 'Tilda Marr',
      },
    ],
    match: (ctx, d, s) => possessiveCue(ctx, d, s.open),
  },
];

/** Fallbacks for quotations still without a speaker after continuation, in order. */
export const FALLBACK_SIEVES: readonly Sieve[] = [
  {
    id: 'subject.opening',
    kind: 'fallback',
    group: 'subject.opening',
    doc: "the sentence's opening subject (a name or he/she) and its verb, with no speech verb near",
    examples: [
      {
        text: 'Elsa Brun sees the deal as "a disaster for farmers."',
        names: [['Elsa Brun', P]],
        speaker: 'Elsa Brun',
      },
    ],
    match: (ctx, d, s) => subjectCue(ctx, d, s.open),
  },
  {
    id: 'subject.clause',
    kind: 'fallback',
    group: 'subject.clause',
    doc: 'the first person, organisation or pronoun of the sentence that is no object of a preposition',
    examples: [
      {
        text: 'Yesterday at the hall Abel Frost referred to the plan as "a bright idea."',
        names: [['Abel Frost', P]],
        speaker: 'Abel Frost',
      },
    ],
    match: (ctx, d, s) => clauseSubject(ctx, d, s.open),
  },
];

/** Rules tested inside another rule: their switch changes how it decides. */
export const MODIFIERS: readonly RuleInfo[] = [
  {
    id: 'head.subordinate-clause',
    kind: 'modifier',
    doc: "a fronted subordinate clause's verbs are passed over (While …, X said …)",
    examples: [
      {
        text: 'While what Ada Penn says is often true, Lars Holm said the report was "thin."',
        names: [
          ['Ada Penn', P],
          ['Lars Holm', P],
        ],
        speaker: 'Lars Holm',
      },
    ],
  },
  {
    id: 'head.weak-verb',
    kind: 'modifier',
    doc: 'a weak verb (believes, found, thinks) far before the quotation is no cue',
    examples: [
      {
        text: 'Ines Alder believes the school board was wrong when it named the plan "Fresh Start."',
        names: [['Ines Alder', P]],
      },
    ],
  },
  {
    id: 'tail.bare-plural',
    kind: 'modifier',
    doc: 'a bare plural right before the verb after a closed quotation is a described speaker ("…," officers said)',
    examples: [
      { text: 'The hall was full. "We have room for twenty more," volunteers said.', speaker: 'volunteers' },
      { text: '"Open the gates!" protesters shouted outside the mill.', speaker: 'protesters' },
    ],
  },
  {
    id: 'np.name-and-own-group',
    kind: 'modifier',
    doc: 'a name coordinated with its own group ("X and her team wrote") is the speaker, not the group',
    examples: [
      {
        text: '"We found ice under the crust," Lena Brook and her team wrote in the journal.',
        names: [['Lena Brook', P]],
        speaker: 'Lena Brook',
      },
    ],
  },
  {
    id: 'pronoun.gendered-description',
    kind: 'resolver',
    doc: 'he/she in a later sentence takes a described person whose noun tells that gender ("one mother"), before any ungendered name',
    examples: [
      {
        text: 'Reporters spoke to one mother near Harbor Mall. "I keep the phone in the kitchen," she said.',
        names: [['Harbor Mall', P]],
        speaker: 'one mother',
      },
    ],
  },
  {
    id: 'head.asked-by',
    kind: 'modifier',
    doc: '"X was asked by Y whether …": the asker speaks the question',
    examples: [
      {
        text: 'Rafe Olin was asked by Hana Yu whether he would "take the deal today."',
        names: [
          ['Rafe Olin', P],
          ['Hana Yu', P],
        ],
        speaker: 'Hana Yu',
      },
    ],
  },
  {
    id: 'head.relative-subject',
    kind: 'modifier',
    doc: 'the phrase before a restrictive relative clause is the subject ("An aide who … said")',
    examples: [
      {
        text: 'A city aide who asked not to be named said the budget was "already spent."',
        speaker: 'A city aide',
      },
    ],
  },
  {
    id: 'head.named-over-described',
    kind: 'modifier',
    doc: 'a described subject yields to a later speech verb whose subject is named',
    examples: [
      {
        text: 'The mayor\'s office wrote a memo, and Uma Reis said it was "a bad year for everyone."',
        names: [['Uma Reis', P]],
        speaker: 'Uma Reis',
      },
    ],
  },
  {
    id: 'head.pronoun-names-description',
    kind: 'modifier',
    doc: "a pronoun opening a described speaker's report keeps the description's mention",
    examples: [
      {
        text: 'Moritz Falk retired last year. The veteran senator said he rarely reads the polls, calling them "noise."',
        names: [['Moritz Falk', P]],
        speaker: 'Moritz Falk',
      },
    ],
  },
];

/** How a speech verb's subject is found in its sentence (cues.ts: firstSubject, sentenceSubject). */
export const SUBJECTS: readonly RuleInfo[] = [
  {
    id: 'subject.skip-parenthetical',
    kind: 'modifier',
    doc: 'a name in parentheses ("(Reuters)", "(D-Ore.)") is no sentence subject',
    examples: [
      {
        text: 'SPRINGVALE (Norland Wire) – Hal Brecker spoke at length, saying the deal was "dead on arrival."',
        names: [
          ['Norland Wire', O],
          ['Hal Brecker', P],
        ],
        speaker: 'Hal Brecker',
      },
    ],
  },
  {
    id: 'subject.skip-preposition-object',
    kind: 'modifier',
    doc: 'the object of a preposition ("In an interview with X, …") is no sentence subject',
    examples: [
      {
        text: 'In a talk with Vela Radio, Pia Hurst went further, calling the levy "pure theft."',
        names: [
          ['Vela Radio', O],
          ['Pia Hurst', P],
        ],
        speaker: 'Pia Hurst',
      },
    ],
  },
  {
    id: 'participle.clause-subject',
    kind: 'modifier',
    doc: 'a participle continues the last clause opened after a comma ("…, as X did …, saying")',
    examples: [
      {
        text: 'Rhea Lamb spoke first, as Omar Tal pressed the point, saying the audit was "a sham."',
        names: [
          ['Rhea Lamb', P],
          ['Omar Tal', P],
        ],
        speaker: 'Omar Tal',
      },
    ],
  },
  {
    id: 'participle.described-opening',
    kind: 'modifier',
    doc: 'a reporting participle continues a sentence opened by a described group and its past verb',
    examples: [
      {
        text: 'Dozens of nurses marched past the clinic on Friday, while chanting, "Fair pay now."',
        speaker: 'Dozens of nurses',
      },
    ],
  },
  {
    id: 'head.intro-nominal',
    kind: 'modifier',
    doc: 'the nominal right after an introductory phrase ("In a speech Monday, the senator …") is the subject',
    examples: [
      {
        text: 'In a speech on Monday, the senator criticized the plan and said it was "a mess."',
        speaker: 'the senator',
      },
    ],
  },
];

/** What counts as a speech verb, and how the phrase before one is cut (cues.ts, resolve.ts). */
export const PHRASES: readonly RuleInfo[] = [
  {
    id: 'cue.title-case-verb',
    kind: 'guard',
    doc: 'a capitalised speech verb is a cue only inside a title-cased line, never as a name or sentence start',
    examples: [
      {
        text: '"Vote no," Urge Partners chief Cleo Rand said.',
        names: [
          ['Urge Partners', O],
          ['Cleo Rand', P],
        ],
        speaker: 'Cleo Rand',
      },
    ],
  },
  {
    id: 'cue.noun-form',
    kind: 'guard',
    doc: 'a speech verb with a noun form after a determiner or adjective ("a conference call", "in a separate tweet") is the noun',
    examples: [
      {
        text: 'Ivo Mertens joined a conference call about the "open questions" on Monday.',
        names: [['Ivo Mertens', P]],
      },
      {
        text: 'In a separate tweet, Ivo Mertens added that the talks were "going nowhere."',
        names: [['Ivo Mertens', P]],
        speaker: 'Ivo Mertens',
      },
    ],
  },
  {
    id: 'np.set-off-name',
    kind: 'resolver',
    doc: 'a name opening the clause, then an appositive set off by commas, is the subject ("X, a …, said")',
    examples: [
      {
        text: '"We will reopen in June," Ada Kern, who has run the museum since it opened, said.',
        names: [['Ada Kern', P]],
        speaker: 'Ada Kern',
      },
    ],
  },
  {
    id: 'np.named-after-preposition',
    kind: 'resolver',
    doc: '"In a note to the board, her aide, Sam Roy, said": a name set off after a prepositional phrase is the subject',
    examples: [
      {
        text: 'In a note to the board, her aide, Sam Roy, said, "The vote is final."',
        names: [['Sam Roy', P]],
        speaker: 'Sam Roy',
      },
    ],
  },
  {
    id: 'np.name-before-preposition',
    kind: 'resolver',
    doc: '"Dalton at the time said": a name right before a prepositional phrase is the subject',
    examples: [
      {
        text: 'Mira Dahl at the hearing said the rule was "unworkable."',
        names: [['Mira Dahl', P]],
        speaker: 'Mira Dahl',
      },
    ],
  },
];

/** Quotations with no cue of their own take a neighbour's speaker (continuation.ts). */
export const CONTINUATIONS: readonly RuleInfo[] = [
  {
    id: 'continue.same-paragraph',
    kind: 'continuation',
    doc: 'a quotation continues the speaker of the attributed quotation before it in its paragraph',
    examples: [
      {
        text: '"The roof leaks," Selma Grund said. "And the boiler is older than I am."',
        names: [['Selma Grund', P]],
        speaker: 'Selma Grund',
      },
    ],
  },
  {
    id: 'continue.next-paragraph',
    kind: 'continuation',
    doc: "a paragraph opening with a quotation continues the previous paragraph's last speaker",
    examples: [
      {
        text: '"The roof leaks," Selma Grund said.\n\n"And the boiler is older than I am."',
        names: [['Selma Grund', P]],
        speaker: 'Selma Grund',
      },
    ],
  },
  {
    id: 'continue.backwards',
    kind: 'continuation',
    doc: 'a quotation joined to the next one ("“A” and “B,” X said") takes its speaker',
    examples: [
      {
        text: 'The plan is "too slow" and "too costly," Kurt Amsel said.',
        names: [['Kurt Amsel', P]],
        speaker: 'Kurt Amsel',
      },
    ],
  },
];

/** From a cue's noun phrase to a speaker (resolve.ts). */
export const RESOLVERS: readonly RuleInfo[] = [
  {
    id: 'resolve.named',
    kind: 'resolver',
    doc: 'a named mention heading the phrase is the speaker, with its canonical name and role',
    examples: [
      {
        text: '"Prices will fall," Finance Minister Odile Brac said.',
        names: [['Odile Brac', P]],
        speaker: 'Odile Brac',
      },
    ],
  },
  {
    id: 'resolve.relative',
    kind: 'resolver',
    doc: '"X, who said": the relative pronoun stands for the phrase before its comma',
    examples: [
      {
        text: 'It fell to Nora Fenn, who said, "We start again tomorrow."',
        names: [['Nora Fenn', P]],
        speaker: 'Nora Fenn',
      },
    ],
  },
  {
    id: 'resolve.pronoun',
    kind: 'resolver',
    doc: 'a personal pronoun resolves to an earlier person or organisation (pronoun.* rules)',
    examples: [
      {
        text: 'Ida Sorel left the meeting early.\n\n"I have seen enough," she said.',
        names: [['Ida Sorel', P]],
        speaker: 'Ida Sorel',
      },
    ],
  },
  {
    id: 'resolve.nominal',
    kind: 'resolver',
    doc: 'a role noun ("the spokesman", "the company") is linked to an entity (nominal.* rules) or described',
    examples: [
      {
        text: '"The doors open at nine," a spokesman said.',
        speaker: 'a spokesman',
      },
    ],
  },
  {
    id: 'resolve.description',
    kind: 'resolver',
    doc: 'a common-noun phrase ("the 40-year-old", "a senior aide") is a speaker described as written',
    examples: [
      {
        text: '"It was terrifying," the 40-year-old said.',
        speaker: 'the 40-year-old',
      },
    ],
  },
  {
    id: 'resolve.capitalised',
    kind: 'resolver',
    doc: 'a capitalised name the recogniser missed is the speaker as written',
    examples: [
      {
        text: '"We stayed all night," Pim Okonjo said.',
        speaker: 'Pim Okonjo',
      },
    ],
  },
  {
    id: 'nominal.role-link',
    kind: 'resolver',
    doc: '"the spokesman" links to the person the text gave that role',
    examples: [
      {
        text: 'Ravi Kuhn, a spokesman for the port, met reporters.\n\n"Ships will wait," the spokesman said.',
        names: [['Ravi Kuhn', P]],
        speaker: 'Ravi Kuhn',
      },
    ],
  },
  {
    id: 'pronoun.author',
    kind: 'resolver',
    doc: "the narrator's I, outside quotation marks and transcripts, is the article's author",
    examples: [
      {
        text: 'When I asked about the fee, I said, "That seems high."',
        speaker: 'the author',
      },
    ],
  },
  {
    id: 'pronoun.sentence-subject',
    kind: 'resolver',
    doc: "a pronoun takes its own sentence's opening subject when that fits",
    examples: [
      {
        text: 'Gus Ferrand met Lily Moss, whom he called "the best in the business."',
        names: [
          ['Gus Ferrand', P],
          ['Lily Moss', P],
        ],
        speaker: 'Gus Ferrand',
      },
    ],
  },
  {
    id: 'pronoun.same-sentence',
    kind: 'resolver',
    doc: 'else the nearest fitting mention before it in its sentence',
    examples: [
      {
        text: 'On Monday the board thanked Lily Moss, and she said, "It was a team effort."',
        names: [['Lily Moss', P]],
        speaker: 'Lily Moss',
      },
    ],
  },
  {
    id: 'pronoun.earlier-sentences',
    kind: 'resolver',
    doc: 'else the first fitting mention of the nearest earlier sentence (five back for he/she, two for it/they)',
    examples: [
      {
        text: 'Kai Lund took the stand on Tuesday. "I never signed it," he said.',
        names: [['Kai Lund', P]],
        speaker: 'Kai Lund',
      },
    ],
  },
  {
    id: 'pronoun.organization-subject',
    kind: 'resolver',
    doc: '"it"/"they" after a sentence opened by a described organisation ("The ministry …") is that organisation',
    examples: [
      {
        text: 'The ministry reviewed the figures. "They are final," it said.',
        speaker: 'The ministry',
      },
    ],
  },
  {
    id: 'pronoun.last-organization',
    kind: 'resolver',
    doc: '"it"/"they" continue the previous quotation\'s speaker when that was an organisation',
    examples: [
      {
        text: '"Sales rose," Brenner Foods said.\n\nAnalysts were surprised. Shares climbed.\n\n"Costs fell too," it added.',
        names: [['Brenner Foods', O]],
        speaker: 'Brenner Foods',
      },
    ],
  },
  {
    id: 'pronoun.last-speaker',
    kind: 'resolver',
    doc: 'he/she with no antecedent nearby: the latest earlier speaker of that gender, a few paragraphs back',
    examples: [
      {
        text: '"We will appeal," Mark Tully said.\n\nThe court ruled on Friday.\n\nThe ruling ran to forty pages.\n\nThe appeal would take a year.\n\nLawyers read it overnight.\n\nThe fees were high.\n\n"It is not over," he said.',
        names: [['Mark Tully', P]],
        speaker: 'Mark Tully',
      },
    ],
  },
];

/** Quoted spans that are no quotation (filter.ts). */
export const FILTERS: readonly RuleInfo[] = [
  {
    id: 'filter.sign-text',
    kind: 'guard',
    doc: 'the text of a sign, placard or banner ("placards reading “…”", "signs such as “…”") is a slogan written, not spoken',
    examples: [
      { text: 'Nurses marched past the clinic with placards reading “Fund the night shift now” on Friday.' },
      {
        text: 'Parents lined the road, many holding signs with sayings such as, “Smaller Classes, Brighter Kids.”',
      },
    ],
  },
  {
    id: 'filter.not-english',
    kind: 'guard',
    doc: 'a text in which almost no word is an English function word is not read: its quotations are dropped',
    examples: [
      {
        text: 'El consejo del barrio norte habló ayer con los vecinos. «Vamos tardar meses en reparar el puente viejo», dijo Marta Solís durante la reunión. Los vecinos pidieron más autobuses, más luces en las calles y una fecha clara para las obras del mercado. Nadie respondió esa noche. El consejo volverá reunirse el próximo lunes por la tarde.',
        names: [['Marta Solís', P]],
      },
    ],
  },
  {
    id: 'filter.title-list',
    kind: 'guard',
    doc: 'three or more title-cased quotations in a row, joined by commas or "and", are a list of titles',
    examples: [
      {
        text: 'The band, said Ivo Marsh, opened with “Long Road Home,” “Paper Moon,” “Night Train” and “Blue River.”',
        names: [['Ivo Marsh', P]],
      },
    ],
  },
];

/** Every rule of direct-quote attribution. */
export const RULES: readonly RuleInfo[] = [
  ...CUE_SIEVES,
  ...FALLBACK_SIEVES,
  ...MODIFIERS,
  ...SUBJECTS,
  ...PHRASES,
  ...CONTINUATIONS,
  ...RESOLVERS,
  ...FILTERS,
];

/** Every named rule, direct quotation and reported speech (indirect-rules.ts): what the ablation switches. */
export const ALL_RULES: readonly { readonly id: string; readonly kind: RuleKind; readonly doc: string }[] = [
  ...RULES,
  ...INDIRECT_RULES,
];

/** A sieve's hit and the id of the sieve that found it. */
export interface SieveHit extends CueHit {
  readonly rule: string;
}

/** The first speaker the sieves of `table` find for the quotation, STOP groups skipped. */
export function runSieves(table: readonly Sieve[], ctx: Ctx, d: Discourse, s: QuoteSite): SieveHit | null {
  const rules = d.rules;
  let skip = '';
  for (const r of table) {
    if (r.group === skip || !rules.on(r.id)) continue;
    const out = r.match(ctx, d, s);
    if (out === null) continue;
    rules.fire(r.id);
    if (out === STOP) {
      skip = r.group;
      continue;
    }
    return { cue: out.cue, speaker: out.speaker, rule: r.id };
  }
  return null;
}
