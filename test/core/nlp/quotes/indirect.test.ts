import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function indirect(text: string, names: readonly [string, EntityType, string?][]): Quote[] {
  return findQuotes(text, mentions(text, names)).filter((q) => q.type === 'indirect');
}

describe('reported speech', () => {
  it('X said (that) …', () => {
    const [q] = indirect('John Smith said that the talks would resume next week.', [
      ['John Smith', 'PERSON'],
    ]);
    expect(q?.text).toBe('that the talks would resume next week');
    expect(q?.speaker?.name).toBe('John Smith');
    expect(q?.cue?.text).toBe('said');
    const [r] = indirect('Acme Corp says profits will rise sharply this year.', [
      ['Acme Corp', 'ORGANIZATION'],
    ]);
    expect(r?.text).toBe('profits will rise sharply this year');
    expect(r?.speaker?.type).toBe('ORGANIZATION');
  });

  it('an infinitive or modal reporting verb takes the sentence subject: took to Twitter to say', () => {
    const [q] = indirect(
      'Hillary Clinton took to Twitter to say she was grateful to her supporters in Nevada.',
      [
        ['Hillary Clinton', 'PERSON'],
        ['Twitter', 'ORGANIZATION'],
        ['Nevada', 'LOCATION'],
      ],
    );
    expect(q?.text).toBe('she was grateful to her supporters in Nevada');
    expect(q?.speaker?.name).toBe('Hillary Clinton');
    const [r] = indirect('Cook did not say when the practice stopped, but Cook can say that it did.', [
      ['Cook', 'PERSON', 'Peter Cook'],
    ]);
    expect(r?.speaker?.name).toBe('Peter Cook');
  });

  it('a question put to someone: "Asked whether …" and "asked by X to …"', () => {
    const [q] = indirect('Asked whether he was ever bullied, Trump said no.', [['Trump', 'PERSON']]);
    expect(q?.text).toBe('whether he was ever bullied');
    expect(q?.speaker).toBeNull();
    const [r] = indirect("Asked by Stephanopoulos to respond to Trump's criticism, Carson demurred.", [
      ['Stephanopoulos', 'PERSON', 'George Stephanopoulos'],
      ['Trump', 'PERSON'],
      ['Carson', 'PERSON'],
    ]);
    expect(r?.text).toBe("to respond to Trump's criticism");
    expect(r?.speaker?.name).toBe('George Stephanopoulos');
  });

  it('a second attribution after ", and" ends the first: "…, and more than 4 in 10 said …"', () => {
    const qs = indirect(
      'Three-quarters of the voters said they were very worried, and more than 4 in 10 said Donald Trump would be best at handling the economy.',
      [['Donald Trump', 'PERSON']],
    );
    expect(qs.map((q) => q.text)).toEqual([
      'they were very worried',
      'Donald Trump would be best at handling the economy',
    ]);
    expect(qs[1]!.speaker?.name).toBe('more than 4 in 10');
  });

  it('a name set off by a relative clause is the subject; a pronoun clause is not an inverted subject', () => {
    const [q] = indirect(
      "Sanders, who has already sent fundraising pleas on Canova's behalf, said he also may campaign for him.",
      [
        ['Sanders', 'PERSON', 'Bernie Sanders'],
        ['Canova', 'PERSON', 'Tim Canova'],
      ],
    );
    expect(q?.text).toBe('he also may campaign for him');
    expect(q?.speaker?.name).toBe('Bernie Sanders');
  });

  it("a reported clause ends before a quotation's clause and before a clause with its own subject", () => {
    const [q] = indirect(
      'Hillary Clinton was booed. She says people may not like the answer, but insists Sanders is mounting a "phony attack."',
      [
        ['Hillary Clinton', 'PERSON'],
        ['Sanders', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('people may not like the answer');
    const [r] = indirect(
      'Clinton says the mails were personal, but for Republicans, it is a smoking gun for a cover-up.',
      [['Clinton', 'PERSON', 'Hillary Clinton']],
    );
    expect(r?.text).toBe('the mails were personal');
  });

  it('any source phrase after "according to", and a short opener before it is no content', () => {
    const [q] = indirect('Trump has won 758 delegates so far, according to a CNN tally.', [
      ['Trump', 'PERSON'],
      ['CNN', 'ORGANIZATION'],
    ]);
    expect(q?.text).toBe('Trump has won 758 delegates so far');
    expect(q?.speaker?.name).toBe('a CNN tally');
    const [r] = indirect(
      'In addition, according to the department, nine million more workers will be protected.',
      [],
    );
    expect(r?.text).toBe('nine million more workers will be protected');
  });

  it('stance verbs in any form take their object: is backing, had backed, supporting', () => {
    const [q] = indirect('Minnesota Gov. Mark Dayton is backing Hillary Clinton.', [
      ['Minnesota', 'LOCATION'],
      ['Mark Dayton', 'PERSON'],
      ['Hillary Clinton', 'PERSON'],
    ]);
    expect(q?.text).toBe('Hillary Clinton');
    expect(q?.speaker?.name).toBe('Mark Dayton');
    expect(q?.cue?.text).toBe('backing');
  });

  it('"…, X praised the effort" is a verb and its object, not "…, said X"', () => {
    const qs = indirect('The head of the super PAC, Mike Murphy, praised the skywriting effort.', [
      ['Mike Murphy', 'PERSON'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).not.toContain('the skywriting effort');
  });

  it('topics of attacks on, criticism of, support for and responding to', () => {
    const [q] = indirect('Trump turned his attacks on another Clinton during a rally in Ohio.', [
      ['Trump', 'PERSON'],
      ['Clinton', 'PERSON'],
      ['Ohio', 'LOCATION'],
    ]);
    expect(q?.text).toBe('another Clinton during a rally in Ohio');
    expect(q?.cue?.text).toBe('attacks on');
    const [r] = indirect('Sanders avoided direct criticism of front-runner Hillary Clinton.', [
      ['Sanders', 'PERSON'],
      ['Hillary Clinton', 'PERSON'],
    ]);
    expect(r?.text).toBe('front-runner Hillary Clinton');
    expect(r?.speaker?.name).toBe('Sanders');
    const [t] = indirect('Clinton took a swipe at Donald Trump on Monday.', [
      ['Clinton', 'PERSON', 'Hillary Clinton'],
      ['Donald Trump', 'PERSON'],
    ]);
    expect(t?.text).toBe('Donald Trump on Monday');
    expect(t?.cue?.text).toBe('swipe at');
  });

  it('a name followed by a verb after "said" opens a clause; it is no inverted subject', () => {
    const [q] = indirect(
      'Mr. Coffman, who represents a swing district in the Denver suburbs, said Mr. Trump had disrespected American troops.',
      [
        ['Mr. Coffman', 'PERSON', 'Mike Coffman'],
        ['Mr. Trump', 'PERSON', 'Donald Trump'],
        ['Denver', 'LOCATION'],
      ],
    );
    expect(q?.text).toBe('Mr. Trump had disrespected American troops');
    expect(q?.speaker?.name).toBe('Mike Coffman');
  });

  it('a described subject opening the sentence is the source: "Some advocates for stem cell research said"', () => {
    const [q] = indirect(
      'Some advocates for stem cell research said that overlooked the potential benefits of new cures.',
      [],
    );
    expect(q?.text).toBe('that overlooked the potential benefits of new cures');
    expect(q?.speaker?.name).toBe('Some advocates for stem cell research');
  });

  it('a coordinated verb takes the described subject before the first verb', () => {
    const [q] = indirect(
      'The Arizona Republican survived five years in a Vietnamese prison and says such techniques are inhumane.',
      [['Vietnamese', 'MISC']],
    );
    expect(q?.text).toBe('such techniques are inhumane');
    expect(q?.speaker?.name).toBe('The Arizona Republican');
  });

  it('a contrasting clause after ", while" ends the reported clause', () => {
    const [q] = indirect(
      'Some 12 percent said they were more likely to vote for him, while 9 percent found it a deterrent.',
      [],
    );
    expect(q?.text).toBe('they were more likely to vote for him');
  });

  it('a pronoun with nobody in reach still reports speech, credited to nobody', () => {
    const [q] = indirect('It also said it had expanded the teams that review reports of extremism.', []);
    expect(q?.text).toBe('it had expanded the teams that review reports of extremism');
    expect(q?.speaker).toBeNull();
  });

  it('a named hearer after "told" is only its name', () => {
    const [q] = indirect('Pate also told Breitbart News he would support Hillary Clinton over Trump.', [
      ['Pate', 'PERSON', 'John Pate'],
      ['Breitbart News', 'ORGANIZATION'],
      ['Hillary Clinton', 'PERSON'],
      ['Trump', 'PERSON'],
    ]);
    expect(q?.text).toBe('he would support Hillary Clinton over Trump');
    expect(q?.speaker?.name).toBe('John Pate');
  });

  it('a poll or report opening the sentence speaks for the rest of it', () => {
    const [q] = indirect(
      'In an NBC News/Wall Street Journal poll released Monday, Clinton leads Sanders by 19 points.',
      [
        ['NBC News', 'ORGANIZATION'],
        ['Wall Street Journal', 'ORGANIZATION'],
        ['Clinton', 'PERSON'],
        ['Sanders', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('Clinton leads Sanders by 19 points');
    expect(q?.speaker?.name).toBe('an NBC News/Wall Street Journal poll released Monday');
    expect(q?.cue?.text).toBe('In');
  });

  it('"state" and "states" are nouns here, never cues', () => {
    expect(
      indirect('Voters in all five states chose Trump over his rivals by wide margins.', [
        ['Trump', 'PERSON'],
      ]),
    ).toEqual([]);
  });

  it('According to X, …', () => {
    const [q] = indirect('According to Jane Roe, the bridge will close in May.', [['Jane Roe', 'PERSON']]);
    expect(q?.text).toBe('the bridge will close in May');
    expect(q?.speaker?.name).toBe('Jane Roe');
    expect(q?.cue?.text).toBe('According to');
  });

  it('…, X said.', () => {
    const [q] = indirect('The bridge will close in May, Jane Roe said.', [['Jane Roe', 'PERSON']]);
    expect(q?.text).toBe('The bridge will close in May');
    expect(q?.speaker?.name).toBe('Jane Roe');
  });

  it('leaves clauses holding a quotation to the direct quotes', () => {
    expect(
      indirect('Jane Roe said the plan was "a disgrace" and should go.', [['Jane Roe', 'PERSON']]),
    ).toEqual([]);
  });

  it('pronoun sources resolve like direct ones', () => {
    const text = 'Jane Roe spoke in Ohio.\n\nShe said the bridge will close in May.';
    const [q] = indirect(text, [['Jane Roe', 'PERSON']]);
    expect(q?.speaker?.name).toBe('Jane Roe');
    expect(q?.speaker?.mention.text).toBe('She');
  });

  it('a reported clause ends before a coordinated clause with its own subject or a trailing participle', () => {
    const [q] = indirect(
      'Hillary Clinton said Russian intelligence services hacked into the committee computers and she accused Donald Trump of encouraging it.',
      [
        ['Hillary Clinton', 'PERSON'],
        ['Donald Trump', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('Russian intelligence services hacked into the committee computers');
    const [r] = indirect(
      'Ben Carson said he saw no need to change his campaign, adding that the polls were wrong.',
      [['Ben Carson', 'PERSON']],
    );
    expect(r?.text).toBe('he saw no need to change his campaign');
  });

  it('a coordinated verb shares the sentence subject; later attributions in the sentence are found too', () => {
    const [q] = indirect(
      'President Barack Obama met survivors of the massacre on Thursday and said the country must act on gun violence.',
      [['Barack Obama', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Barack Obama');
    expect(q?.text).toBe('the country must act on gun violence');
    const qs = indirect(
      'Rubio said the real extremist is Hillary Clinton, and Cruz argued that the debate was rigged.',
      [
        ['Rubio', 'PERSON', 'Marco Rubio'],
        ['Hillary Clinton', 'PERSON'],
        ['Cruz', 'PERSON', 'Ted Cruz'],
      ],
    );
    expect(qs.map((x) => [x.speaker?.name, x.text])).toEqual([
      ['Marco Rubio', 'the real extremist is Hillary Clinton'],
      ['Ted Cruz', 'that the debate was rigged'],
    ]);
  });

  it('groups and shares as sources, and talking about a topic', () => {
    const [q] = indirect('About 4 in 10 say they want the next president to have more liberal policies.', []);
    expect(q?.speaker?.name).toBe('About 4 in 10');
    expect(q?.text).toBe('they want the next president to have more liberal policies');
    const [r] = indirect('The billionaire Carl Icahn talked about the state of the drug crisis on Monday.', [
      ['Carl Icahn', 'PERSON'],
    ]);
    expect(r?.speaker?.name).toBe('Carl Icahn');
    expect(r?.text).toBe('the state of the drug crisis on Monday');
  });

  it('a stance verb’s bare object, and the topic of questions raised about something', () => {
    const [q] = indirect('The union, which endorsed Hillary Clinton in November, met on Friday.', [
      ['Hillary Clinton', 'PERSON'],
    ]);
    expect(q?.text).toBe('Hillary Clinton in November');
    const [r] = indirect(
      'Donald Trump is raising questions about his microphone problems during the debate.',
      [['Donald Trump', 'PERSON']],
    );
    expect(r?.speaker?.name).toBe('Donald Trump');
    expect(r?.text).toBe('his microphone problems during the debate');
    expect(r?.cue?.text).toBe('questions about');
  });

  it('an introductory phrase is no content when the verb opens a clause of its own', () => {
    const qs = indirect('In a speech in Fort Pierce on Friday, Clinton said she hopes to win.', [
      ['Clinton', 'PERSON', 'Hillary Clinton'],
    ]);
    expect(qs.map((q) => q.text)).toEqual(['she hopes to win']);
  });

  it('an attribution set off inside its content reports the whole sentence', () => {
    const [q] = indirect(
      'If only a few delegates are at stake, the campaign said, it may not bother asking for a recount.',
      [],
    );
    expect(q?.text).toBe(
      'If only a few delegates are at stake, the campaign said, it may not bother asking for a recount',
    );
    expect(q?.speaker?.mention.text).toBe('the campaign');
  });

  it('a headline or a transcript turn opening with its source and a colon', () => {
    const text =
      'Lynch: No outside influence on the FBI probe into the emails.\n\nThe attorney general spoke.\n\nFALLIN: Well, I think the whole nation needs to work together.';
    const qs = indirect(text, [['Lynch', 'PERSON', 'Loretta Lynch']]);
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['Loretta Lynch', 'No outside influence on the FBI probe into the emails'],
      ['FALLIN', 'Well, I think the whole nation needs to work together'],
    ]);
  });

  it('subjects set off or described: premodifiers, examples after the group, a one-word group', () => {
    const text =
      'Florida delegate John Archer, wearing a shirt, said he is proud of the campaign. ' +
      'Six Gannett newspapers in New Jersey, including the Asbury Park Press, said he is not fit to govern. ' +
      'Caucus-goers were slightly more likely to say they preferred Clinton.';
    const qs = indirect(text, [['John Archer', 'PERSON']]);
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['John Archer', 'he is proud of the campaign'],
      ['Six Gannett newspapers in New Jersey', 'he is not fit to govern'],
      ['Caucus-goers', 'they preferred Clinton'],
    ]);
  });

  it('phrasal and fronted forms: made it clear, pointed out, a When-clause ending at its comma', () => {
    const qs = indirect(
      'Devine made it clear that his boss wanted something firmer. When the moderator pointed out that Trump had not answered, he moved on.',
      [['Devine', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name, q.cue?.text, q.text])).toEqual([
      ['Devine', 'clear', 'that his boss wanted something firmer'],
      ['the moderator', 'pointed', 'that Trump had not answered'],
    ]);
  });

  it('a name ending in -ly is no adverb, and relative pronouns (contracted, or "that") take their antecedent', () => {
    const qs = indirect(
      'In 2016, Mrs. Schlafly endorsed Donald J. Trump for president. Chris Collins, who’d previously endorsed Jeb Bush in the race, voted. The group was an outfit that endorsed Bernie Sanders.',
      [
        ['Schlafly', 'PERSON', 'Phyllis Schlafly'],
        ['Donald J. Trump', 'PERSON'],
        ['Chris Collins', 'PERSON'],
        ['Jeb Bush', 'PERSON'],
        ['Bernie Sanders', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.text])).toEqual([
      ['Phyllis Schlafly', 'Schlafly', 'Donald J. Trump for president'],
      ['Chris Collins', 'who’d', 'Jeb Bush in the race'],
      ['an outfit', 'that', 'Bernie Sanders'],
    ]);
  });

  it('questions put to someone: passive "was asked if", "When asked whom", "Asked about" (once each, nobody asking)', () => {
    const qs = indirect(
      'In August, the actress was asked if she had ever been treated unfairly. When asked whom she supported, Ms. Sherry smiled. Asked about Cruz’s charges, Marco Rubio said the reform had failed.',
      [['Marco Rubio', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name ?? null, q.text])).toEqual([
      [null, 'if she had ever been treated unfairly'],
      [null, 'whom she supported'],
      [null, 'Cruz’s charges'],
      ['Marco Rubio', 'the reform had failed'],
    ]);
  });

  it('an attribution or place phrase after the verb is no reported clause: "said, according to CNN"', () => {
    const qs = indirect('“I ask you not to protest on the floor,” Bernie Sanders said, according to CNN.', [
      ['Bernie Sanders', 'PERSON'],
      ['CNN', 'ORGANIZATION'],
    ]);
    expect(qs.map((q) => q.text)).not.toContain('according to CNN');
  });

  it('a thousands comma is no clause break, and "A, X said, B" reports the whole sentence', () => {
    const qs = indirect(
      'While one company says there are more than 2,400 billionaires in the world, another disagrees. The argument would be aided, Tad Devine said, by the upcoming primary calendar.',
      [['Tad Devine', 'PERSON']],
    );
    expect(qs.map((q) => q.text)).toEqual([
      'there are more than 2,400 billionaires in the world',
      'The argument would be aided, Tad Devine said, by the upcoming primary calendar',
    ]);
  });

  it('a decision or a hope reported with its infinitive: "decided to …", "is hoping to …"', () => {
    const qs = indirect(
      'John Kasich decided to stay in the race. John Kasich is hoping to win Ohio. John Kasich decided the matter.',
      [['John Kasich', 'PERSON']],
    );
    expect(qs.map((q) => [q.cue?.text, q.text])).toEqual([
      ['decided', 'to stay in the race'],
      ['hoping', 'to win Ohio'],
    ]);
  });

  it('a verb with an object is no "CONTENT, X said": "On Dec. 15, the task force announced an agreement"', () => {
    const qs = indirect('On Dec. 15, the task force announced an agreement for tougher monitoring.', []);
    expect(qs.map((q) => q.text)).toEqual(['an agreement for tougher monitoring']);
  });
});
