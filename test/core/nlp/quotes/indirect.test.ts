import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

/** Reported clauses as the rules read them, the confidence filter off (confidence.test.ts tests it). */
function indirect(text: string, names: readonly [string, EntityType, string?][]): Quote[] {
  return findQuotes(text, mentions(text, names), { filter: null }).filter((q) => q.type === 'indirect');
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
    const [q] = indirect('Maria Lopez took to Twitter to say she was grateful to her volunteers in Oregon.', [
      ['Maria Lopez', 'PERSON'],
      ['Twitter', 'ORGANIZATION'],
      ['Oregon', 'LOCATION'],
    ]);
    expect(q?.text).toBe('she was grateful to her volunteers in Oregon');
    expect(q?.speaker?.name).toBe('Maria Lopez');
    const [r] = indirect('Harlan did not say when the payments ended, but Harlan can say that they did.', [
      ['Harlan', 'PERSON', 'Ruth Harlan'],
    ]);
    expect(r?.speaker?.name).toBe('Ruth Harlan');
  });

  it('a question put to someone: "Asked whether …" and "asked by X to …"', () => {
    const [q] = indirect('Asked whether he was ever afraid, Dalton said no.', [['Dalton', 'PERSON']]);
    expect(q?.text).toBe('whether he was ever afraid');
    expect(q?.speaker).toBeNull();
    const [r] = indirect("Asked by Whitfield to respond to Dalton's remarks, Moreno demurred.", [
      ['Whitfield', 'PERSON', 'Laura Whitfield'],
      ['Dalton', 'PERSON'],
      ['Moreno', 'PERSON'],
    ]);
    expect(r?.text).toBe("to respond to Dalton's remarks");
    expect(r?.speaker?.name).toBe('Laura Whitfield');
  });

  it('a second attribution after ", and" ends the first: "…, and more than 4 in 10 said …"', () => {
    const qs = indirect(
      'Two-thirds of the farmers said they were deeply anxious, and more than 4 in 10 said Paul Dalton would do best at handling the drought.',
      [['Paul Dalton', 'PERSON']],
    );
    expect(qs.map((q) => q.text)).toEqual([
      'they were deeply anxious',
      'Paul Dalton would do best at handling the drought',
    ]);
    expect(qs[1]!.speaker?.name).toBe('more than 4 in 10');
  });

  it('a name set off by a relative clause is the subject; a pronoun clause is not an inverted subject', () => {
    const [q] = indirect(
      "Moreno, who has already mailed donation letters on Tillman's behalf, said he also may speak for him.",
      [
        ['Moreno', 'PERSON', 'Luis Moreno'],
        ['Tillman', 'PERSON', 'Greg Tillman'],
      ],
    );
    expect(q?.text).toBe('he also may speak for him');
    expect(q?.speaker?.name).toBe('Luis Moreno');
  });

  it("a reported clause ends before a quotation's clause and before a clause with its own subject", () => {
    const [q] = indirect(
      'Ruth Harlan was heckled. She says voters may not like the plan, but insists Moreno is staging a "fake fight."',
      [
        ['Ruth Harlan', 'PERSON'],
        ['Moreno', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('voters may not like the plan');
    const [r] = indirect(
      'Harlan says the notes were private, but for her rivals, it is plain proof of a cover-up.',
      [['Harlan', 'PERSON', 'Ruth Harlan']],
    );
    expect(r?.text).toBe('the notes were private');
  });

  it('any source phrase after "according to", and a short opener before it is no content', () => {
    const [q] = indirect('Dalton has collected 412 votes so far, according to a WKZ tally.', [
      ['Dalton', 'PERSON'],
      ['WKZ', 'ORGANIZATION'],
    ]);
    expect(q?.text).toBe('Dalton has collected 412 votes so far');
    expect(q?.speaker?.name).toBe('a WKZ tally');
    const [r] = indirect(
      'In addition, according to the ministry, two million more tenants will be covered.',
      [],
    );
    expect(r?.text).toBe('two million more tenants will be covered');
  });

  it('stance verbs in any form take their object: is backing, had backed, supporting', () => {
    const [q] = indirect('Oregon Gov. Ann Halvorsen is backing Ruth Harlan.', [
      ['Oregon', 'LOCATION'],
      ['Ann Halvorsen', 'PERSON'],
      ['Ruth Harlan', 'PERSON'],
    ]);
    expect(q?.text).toBe('Ruth Harlan');
    expect(q?.speaker?.name).toBe('Ann Halvorsen');
    expect(q?.cue?.text).toBe('backing');
  });

  it('"…, X praised the effort" is a verb and its object, not "…, said X"', () => {
    const qs = indirect('The head of the tenants group, Lena Marsh, praised the billboard campaign.', [
      ['Lena Marsh', 'PERSON'],
    ]);
    expect(qs.map((q) => q.speaker?.name)).not.toContain('the billboard campaign');
  });

  it('topics of attacks on, criticism of, support for and responding to', () => {
    const [q] = indirect('Dalton turned his attacks on another Harlan during a rally in Idaho.', [
      ['Dalton', 'PERSON'],
      ['Harlan', 'PERSON'],
      ['Idaho', 'LOCATION'],
    ]);
    expect(q?.text).toBe('another Harlan during a rally in Idaho');
    expect(q?.cue?.text).toBe('attacks on');
    const [r] = indirect('Moreno skipped direct criticism of front-runner Ruth Harlan.', [
      ['Moreno', 'PERSON'],
      ['Ruth Harlan', 'PERSON'],
    ]);
    expect(r?.text).toBe('front-runner Ruth Harlan');
    expect(r?.speaker?.name).toBe('Moreno');
    const [t] = indirect('Harlan took a swipe at Paul Dalton on Tuesday.', [
      ['Harlan', 'PERSON', 'Ruth Harlan'],
      ['Paul Dalton', 'PERSON'],
    ]);
    expect(t?.text).toBe('Paul Dalton on Tuesday');
    expect(t?.cue?.text).toBe('swipe at');
  });

  it('a name followed by a verb after "said" opens a clause; it is no inverted subject', () => {
    const [q] = indirect(
      'Mr. Ferris, who represents a rural district in the Spokane hills, said Mr. Dalton had insulted local farmers.',
      [
        ['Mr. Ferris', 'PERSON', 'Alan Ferris'],
        ['Mr. Dalton', 'PERSON', 'Paul Dalton'],
        ['Spokane', 'LOCATION'],
      ],
    );
    expect(q?.text).toBe('Mr. Dalton had insulted local farmers');
    expect(q?.speaker?.name).toBe('Alan Ferris');
  });

  it('a described subject opening the sentence is the source: "Some advocates for river dredging said"', () => {
    const [q] = indirect(
      'Some advocates for river dredging said that ignored the likely gains from cheaper power.',
      [],
    );
    expect(q?.text).toBe('that ignored the likely gains from cheaper power');
    expect(q?.speaker?.name).toBe('Some advocates for river dredging');
  });

  it('a coordinated verb takes the described subject before the first verb', () => {
    const [q] = indirect(
      'The Idaho Democrat endured four years in a Chilean jail and says such methods are cruel.',
      [['Chilean', 'MISC']],
    );
    expect(q?.text).toBe('such methods are cruel');
    expect(q?.speaker?.name).toBe('The Idaho Democrat');
  });

  it('a contrasting clause after ", while" ends the reported clause', () => {
    const [q] = indirect(
      'Some 14 percent said they were more likely to buy the car, while 8 percent found it a drawback.',
      [],
    );
    expect(q?.text).toBe('they were more likely to buy the car');
  });

  it('a pronoun with nobody in reach still reports speech, credited to nobody', () => {
    const [q] = indirect('It also said it had widened the panels that check claims of fraud.', []);
    expect(q?.text).toBe('it had widened the panels that check claims of fraud');
    expect(q?.speaker).toBeNull();
  });

  it('a named hearer after "told" is only its name', () => {
    const [q] = indirect('Ferris also told Valley Gazette he would back Ruth Harlan over Dalton.', [
      ['Ferris', 'PERSON', 'Alan Ferris'],
      ['Valley Gazette', 'ORGANIZATION'],
      ['Ruth Harlan', 'PERSON'],
      ['Dalton', 'PERSON'],
    ]);
    expect(q?.text).toBe('he would back Ruth Harlan over Dalton');
    expect(q?.speaker?.name).toBe('Alan Ferris');
  });

  it('a poll or report opening the sentence speaks for the rest of it', () => {
    const [q] = indirect(
      'In a Channel Nine/Valley Gazette poll released Tuesday, Harlan leads Moreno by 12 points.',
      [
        ['Channel Nine', 'ORGANIZATION'],
        ['Valley Gazette', 'ORGANIZATION'],
        ['Harlan', 'PERSON'],
        ['Moreno', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('Harlan leads Moreno by 12 points');
    expect(q?.speaker?.name).toBe('a Channel Nine/Valley Gazette poll released Tuesday');
    expect(q?.cue?.text).toBe('In');
  });

  it('"state" and "states" are nouns here, never cues', () => {
    expect(
      indirect('Voters in all four states chose Dalton over his rivals by wide margins.', [
        ['Dalton', 'PERSON'],
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
      'Ruth Harlan said foreign hackers broke into the party servers and she accused Paul Dalton of welcoming it.',
      [
        ['Ruth Harlan', 'PERSON'],
        ['Paul Dalton', 'PERSON'],
      ],
    );
    expect(q?.text).toBe('foreign hackers broke into the party servers');
    const [r] = indirect(
      'Luis Moreno said he saw no reason to change his plans, adding that the surveys were wrong.',
      [['Luis Moreno', 'PERSON']],
    );
    expect(r?.text).toBe('he saw no reason to change his plans');
  });

  it('a coordinated verb shares the sentence subject; later attributions in the sentence are found too', () => {
    const [q] = indirect(
      'Mayor Alan Ferris met families of the crash victims on Friday and said the city must act on road safety.',
      [['Alan Ferris', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Alan Ferris');
    expect(q?.text).toBe('the city must act on road safety');
    const qs = indirect(
      'Dalton said the real radical is Ruth Harlan, and Moreno argued that the count was rigged.',
      [
        ['Dalton', 'PERSON', 'Paul Dalton'],
        ['Ruth Harlan', 'PERSON'],
        ['Moreno', 'PERSON', 'Luis Moreno'],
      ],
    );
    expect(qs.map((x) => [x.speaker?.name, x.text])).toEqual([
      ['Paul Dalton', 'the real radical is Ruth Harlan'],
      ['Luis Moreno', 'that the count was rigged'],
    ]);
  });

  it('groups and shares as sources, and talking about a topic', () => {
    const [q] = indirect('About 3 in 10 say they want the next mayor to set much stricter rules.', []);
    expect(q?.speaker?.name).toBe('About 3 in 10');
    expect(q?.text).toBe('they want the next mayor to set much stricter rules');
    const [r] = indirect(
      'The investor Walter Brandt talked about the state of the housing market on Monday.',
      [['Walter Brandt', 'PERSON']],
    );
    expect(r?.speaker?.name).toBe('Walter Brandt');
    expect(r?.text).toBe('the state of the housing market on Monday');
  });

  it('a stance verb’s bare object, and the topic of questions raised about something', () => {
    const [q] = indirect('The guild, which endorsed Ruth Harlan in October, met on Friday.', [
      ['Ruth Harlan', 'PERSON'],
    ]);
    expect(q?.text).toBe('Ruth Harlan in October');
    const [r] = indirect('Paul Dalton is raising questions about his sound trouble during the forum.', [
      ['Paul Dalton', 'PERSON'],
    ]);
    expect(r?.speaker?.name).toBe('Paul Dalton');
    expect(r?.text).toBe('his sound trouble during the forum');
    expect(r?.cue?.text).toBe('questions about');
  });

  it('an introductory phrase is no content when the verb opens a clause of its own', () => {
    const qs = indirect('In a speech in Twin Falls on Friday, Harlan said she hopes to win.', [
      ['Harlan', 'PERSON', 'Ruth Harlan'],
    ]);
    expect(qs.map((q) => q.text)).toEqual(['she hopes to win']);
  });

  it('an attribution set off inside its content reports the whole sentence', () => {
    const [q] = indirect(
      'If only a few seats are in play, the party said, it may not go to the trouble of a recount.',
      [],
    );
    expect(q?.text).toBe(
      'If only a few seats are in play, the party said, it may not go to the trouble of a recount',
    );
    expect(q?.speaker?.mention.text).toBe('the party');
  });

  it('a headline or a transcript turn opening with its source and a colon', () => {
    const text =
      'Marsh: No political pressure on the audit of the city accounts.\n\nThe auditor spoke.\n\nGARVEY: Well, I think the whole county has to pull together.';
    const qs = indirect(text, [['Marsh', 'PERSON', 'Lena Marsh']]);
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['Lena Marsh', 'No political pressure on the audit of the city accounts'],
      ['GARVEY', 'Well, I think the whole county has to pull together'],
    ]);
  });

  it('subjects set off or described: premodifiers, examples after the group, a one-word group', () => {
    const text =
      'Idaho delegate Tom Archer, wearing a cap, said he is proud of the campaign. ' +
      'Four Lakeside newspapers in North Dakota, including the Lakeside Courier, said he is not fit to lead. ' +
      'Caucus-goers were a little more likely to say they favored Harlan.';
    const qs = indirect(text, [['Tom Archer', 'PERSON']]);
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['Tom Archer', 'he is proud of the campaign'],
      ['Four Lakeside newspapers in North Dakota', 'he is not fit to lead'],
      ['Caucus-goers', 'they favored Harlan'],
    ]);
  });

  it('phrasal and fronted forms: made it clear, pointed out, a When-clause ending at its comma', () => {
    const qs = indirect(
      'Kerner made it clear that his client wanted something stronger. When the host pointed out that Dalton had not answered, he moved on.',
      [['Kerner', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name, q.cue?.text, q.text])).toEqual([
      ['Kerner', 'clear', 'that his client wanted something stronger'],
      ['the host', 'pointed', 'that Dalton had not answered'],
    ]);
  });

  it('a name ending in -ly is no adverb, and relative pronouns (contracted, or "that") take their antecedent', () => {
    const qs = indirect(
      'In 2018, Mrs. Donnelly endorsed Paul A. Dalton for governor. Dan Ortiz, who’d previously endorsed Ruth Harlan in the race, voted. The group was an outfit that endorsed Luis Moreno.',
      [
        ['Donnelly', 'PERSON', 'Rose Donnelly'],
        ['Paul A. Dalton', 'PERSON'],
        ['Dan Ortiz', 'PERSON'],
        ['Ruth Harlan', 'PERSON'],
        ['Luis Moreno', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.text])).toEqual([
      ['Rose Donnelly', 'Donnelly', 'Paul A. Dalton for governor'],
      ['Dan Ortiz', 'who’d', 'Ruth Harlan in the race'],
      ['an outfit', 'that', 'Luis Moreno'],
    ]);
  });

  it('questions put to someone: passive "was asked if", "When asked whom", "Asked about" (once each, nobody asking)', () => {
    const qs = indirect(
      'In May, the singer was asked if she had ever been paid unfairly. When asked whom she backed, Ms. Garvey smiled. Asked about Dalton’s charges, Luis Moreno said the scheme had failed.',
      [['Luis Moreno', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name ?? null, q.text])).toEqual([
      [null, 'if she had ever been paid unfairly'],
      [null, 'whom she backed'],
      [null, 'Dalton’s charges'],
      ['Luis Moreno', 'the scheme had failed'],
    ]);
  });

  it('an attribution or place phrase after the verb is no reported clause: "said, according to CNN"', () => {
    const qs = indirect('“I ask you not to shout in the hall,” Luis Moreno said, according to WKZ.', [
      ['Luis Moreno', 'PERSON'],
      ['WKZ', 'ORGANIZATION'],
    ]);
    expect(qs.map((q) => q.text)).not.toContain('according to WKZ');
  });

  it('a thousands comma is no clause break, and "A, X said, B" reports the whole sentence', () => {
    const qs = indirect(
      'While one survey says there are more than 3,100 breweries in the country, another disagrees. The case would be helped, Tom Kerner said, by the coming court calendar.',
      [['Tom Kerner', 'PERSON']],
    );
    expect(qs.map((q) => q.text)).toEqual([
      'there are more than 3,100 breweries in the country',
      'The case would be helped, Tom Kerner said, by the coming court calendar',
    ]);
  });

  it('a hope is reported with its infinitive ("is hoping to …"); a decision reports no speech', () => {
    const qs = indirect(
      'Paul Dalton decided to stay in the contest. Paul Dalton is hoping to win Idaho. Paul Dalton decided the matter.',
      [['Paul Dalton', 'PERSON']],
    );
    expect(qs.map((q) => [q.cue?.text, q.text])).toEqual([['hoping', 'to win Idaho']]);
  });

  it('a hearer after "told" is one noun phrase: a pronoun or determiner after it opens the clause', () => {
    const qs = indirect(
      'Ina Berg told reporters her group never worked with the firm. Ina Berg told her staff the plan was dead.',
      [['Ina Berg', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['Ina Berg', 'her group never worked with the firm'],
      ['Ina Berg', 'the plan was dead'],
    ]);
  });

  it('a share spelled out in words is a source: "Six in ten said …"', () => {
    const [q] = indirect('Six in ten said they would pay more for the service.', []);
    expect([q?.speaker?.name, q?.text]).toEqual(['Six in ten', 'they would pay more for the service']);
  });

  it('content never swallows a second attribution: "A, records show, and experts say B"', () => {
    const qs = indirect(
      'The plane was sold in 2009, records show, and farm experts say it is now worth about $2 million.',
      [],
    );
    expect(qs.map((q) => [q.speaker?.name, q.cue?.text, q.text])).toEqual([
      ['records', 'show', 'The plane was sold in 2009'],
      ['farm experts', 'say', 'it is now worth about $2 million'],
    ]);
    // A set-off attribution with no second one still reports the whole sentence.
    const [whole] = indirect('The case would be helped, Tom Kerner said, by a quicker court calendar.', [
      ['Tom Kerner', 'PERSON'],
    ]);
    expect(whole?.text).toBe('The case would be helped, Tom Kerner said, by a quicker court calendar');
  });

  it('the head of the subject phrase speaks, not the name after its preposition', () => {
    const qs = indirect(
      'The mayor of Boise said the bridge would close in May. Jane Roe of Acme Corp said the plant would stay open. Many farmers in the county believe the river is too low.',
      [
        ['Boise', 'LOCATION'],
        ['Jane Roe', 'PERSON'],
        ['Acme Corp', 'ORGANIZATION'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.text])).toEqual([
      ['The mayor of Boise', 'the bridge would close in May'],
      ['Jane Roe', 'the plant would stay open'],
      ['Many farmers in the county', 'the river is too low'],
    ]);
  });

  it('content never swallows its own attribution: "X warned that A, officials said" ends before it', () => {
    const [q] = indirect('The mayor warned that the bridge would close in May, officials said.', []);
    expect([q?.cue?.text, q?.speaker?.name, q?.text]).toEqual([
      'warned',
      'The mayor',
      'that the bridge would close in May',
    ]);
    // The attribution's own verb keeps its content: "A, officials said" reports A.
    const [r] = indirect('The bridge would close in May, city officials said.', []);
    expect([r?.cue?.text, r?.text]).toEqual(['said', 'The bridge would close in May']);
  });

  it('a verb with an object is no "CONTENT, X said": "On Jan. 9, the water board announced a deal"', () => {
    const qs = indirect('On Jan. 9, the water board announced a deal for stricter testing.', []);
    expect(qs.map((q) => q.text)).toEqual(['a deal for stricter testing']);
  });
});
