import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityMention, EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function direct(text: string, names: readonly [string, EntityType, string?][] = []): Quote[] {
  // The rules alone, before the confidence filter (tested in confidence.test.ts).
  return findQuotes(text, mentions(text, names), { filter: null }).filter((q) => q.type === 'direct');
}

function only(text: string, names: readonly [string, EntityType, string?][] = []): Quote {
  const qs = direct(text, names);
  expect(qs).toHaveLength(1);
  return qs[0]!;
}

describe('speaker attribution', () => {
  it('"…," X said', () => {
    const q = only('"We will act now," John Smith said.', [['John Smith', 'PERSON']]);
    expect(q.speaker?.name).toBe('John Smith');
    expect(q.speaker?.mention.text).toBe('John Smith');
    expect(q.cue?.text).toBe('said');
  });

  it('"…," said X, with the role from the premodifiers', () => {
    const text = '"It is not the right signal," said State Department spokesman Tom Casey.';
    const q = only(text, [
      ['State Department', 'ORGANIZATION'],
      ['Tom Casey', 'PERSON'],
    ]);
    expect(q.speaker?.name).toBe('Tom Casey');
    expect(q.speaker?.role).toBe('State Department spokesman');
    expect(q.speaker?.type).toBe('PERSON');
  });

  it('X said: "…" and X told reporters "…"', () => {
    const a = only('Mary Jones said: "The budget is balanced."', [['Mary Jones', 'PERSON']]);
    expect(a.speaker?.name).toBe('Mary Jones');
    const b = only('Mary Jones told reporters, "The budget is balanced."', [['Mary Jones', 'PERSON']]);
    expect(b.speaker?.name).toBe('Mary Jones');
    expect(b.cue?.text).toBe('told');
  });

  it('X wrote, X added, according to X', () => {
    expect(only('"Enough is enough," Ann Lee wrote.', [['Ann Lee', 'PERSON']]).speaker?.name).toBe('Ann Lee');
    expect(only('"And more," Ann Lee added.', [['Ann Lee', 'PERSON']]).speaker?.name).toBe('Ann Lee');
    const q = only('"Sales fell sharply," according to Acme Corp.', [['Acme Corp', 'ORGANIZATION']]);
    expect(q.speaker?.name).toBe('Acme Corp');
    expect(q.cue?.text).toBe('according to');
  });

  it('appositives: X, a spokesman for Y, said', () => {
    const text = '"No comment," Peter Hall, a spokesman for the ministry, said.';
    const q = only(text, [['Peter Hall', 'PERSON']]);
    expect(q.speaker?.name).toBe('Peter Hall');
    expect(q.speaker?.role).toBe('spokesman for the ministry');
  });

  it('pronouns resolve to the right earlier person by gender and recency', () => {
    const text =
      'Defense Minister Sergei Ivanov met Mrs. Anna Petrova in Moscow.\n\n"We are ready," he said. "So are we," she said.';
    const names: [string, EntityType, string?][] = [
      ['Sergei Ivanov', 'PERSON'],
      ['Anna Petrova', 'PERSON'],
      ['Moscow', 'LOCATION'],
    ];
    const [a, b] = direct(text, names);
    expect(a?.speaker?.name).toBe('Sergei Ivanov');
    expect(a?.speaker?.mention.text).toBe('he');
    expect(b?.speaker?.name).toBe('Anna Petrova');
    expect(b?.speaker?.mention.text).toBe('she');
  });

  it('canonical full names: a surname mention carries the full name', () => {
    const text = 'Sergei Ivanov spoke first.\n\n"It is legal," Ivanov said.';
    const q = only(text, [
      ['Sergei Ivanov', 'PERSON'],
      ['Ivanov', 'PERSON', 'Sergei Ivanov'],
    ]);
    expect(q.speaker?.name).toBe('Sergei Ivanov');
    expect(q.speaker?.mention.text).toBe('Ivanov');
  });

  it('nominals: the spokesman refers to the person given that role', () => {
    const text =
      'Tom Casey, a State Department spokesman, spoke on Monday.\n\n"We are disappointed," the spokesman said.';
    const q = only(text, [
      ['Tom Casey', 'PERSON'],
      ['State Department', 'ORGANIZATION'],
    ]);
    expect(q.speaker?.name).toBe('Tom Casey');
    expect(q.speaker?.mention.text).toBe('the spokesman');
  });

  it('a paragraph that is only a quote continues the previous speaker', () => {
    const text = '"First point," said Tom Casey.\n\n"Second point, with no verb at all."';
    const [a, b] = direct(text, [['Tom Casey', 'PERSON']]);
    expect(a?.speaker?.name).toBe('Tom Casey');
    expect(b?.speaker?.name).toBe('Tom Casey');
  });

  it('relative pronouns: X, who said "…"', () => {
    const q = only('It was Jane Roe, who said "the vote is final and binding" on Monday.', [
      ['Jane Roe', 'PERSON'],
    ]);
    expect(q.speaker?.name).toBe('Jane Roe');
    expect(q.speaker?.mention.text).toBe('who');
  });

  it('organisations speak too', () => {
    const q = only('"We regret the decision," the State Department said.', [
      ['State Department', 'ORGANIZATION'],
    ]);
    expect(q.speaker?.name).toBe('State Department');
    expect(q.speaker?.type).toBe('ORGANIZATION');
  });

  it('partial quotes inside a reported clause credit the clause subject', () => {
    const q = only('Senator Jane Roe called the plan "a disgraceful waste of money" on Monday.', [
      ['Jane Roe', 'PERSON'],
    ]);
    expect(q.speaker?.name).toBe('Jane Roe');
  });

  it('never guesses: no findable speaker gives null', () => {
    const text = 'The weather was fine.\n\n"This quotation has nobody attached to it at all."';
    const q = only(text, []);
    expect(q.speaker).toBeNull();
    const h = only('It rained.\n\n"Nobody said this out loud anywhere," he said.', []);
    expect(h.speaker).toBeNull();
  });

  it('drops titles of shows and scare quotes with no speaker', () => {
    const text = 'He appeared on "Morning Lineup" and mentioned "bandwidth" twice.';
    expect(direct(text, [])).toEqual([]);
    const transcript =
      'Part of the interview:\n\n"HOLT: Let us begin with the budget. Why?\n\n"MARSH: Well, the question is why."';
    expect(direct(transcript, [])).toEqual([]);
    const works =
      'The actor Sam Kessler, who stars in the streaming drama, “Lowlands,” and the podcast “So, What Now,” said he was tired.';
    expect(direct(works, [['Sam Kessler', 'PERSON']])).toEqual([]);
  });

  it('keeps what a crowd shouted, even title-cased: "chants of “Paul! Paul!”"', () => {
    const qs = direct(
      'But their chants of "Paul! Paul! Paul!" were cut short. Fans greeted him with chants of "Luis!" at the convention.',
    );
    expect(qs.map((q) => q.text)).toEqual(['"Paul! Paul! Paul!"', '"Luis!"']);
  });

  it('drops a section subhead: a paragraph of a few words in single marks, after the headline', () => {
    const text =
      "'Quiet' Voters Might Help Dalton\n\nNina Holt studies farming.\n\n'Pretty good living out there.'\n\n\"It was pretty good living out there,\" said Ann Mercer.";
    const qs = direct(text, [
      ['Nina Holt', 'PERSON'],
      ['Ann Mercer', 'PERSON'],
    ]);
    expect(qs.map((q) => q.text)).toEqual(["'Quiet'", '"It was pretty good living out there,"']);
  });

  it('works from capitalised names when the recogniser typed nothing', () => {
    const text = '"We will see," said Robert Brown.';
    const ents: EntityMention[] = [
      { type: 'MISC', text: 'We', start: 1, end: 3, canonical: 'We' },
      { type: 'MISC', text: 'Robert Brown', start: 20, end: 32, canonical: 'Robert Brown' },
    ];
    const q = findQuotes(text, ents).find((x) => x.type === 'direct');
    expect(q?.speaker?.name).toBe('Robert Brown');
  });

  it('a name set off by an appositive of any shape before its verb', () => {
    const text =
      '“We will not fix this problem,” Carla Meyers, deputy director of parks, trails, and open spaces, said on the call. “It is,” Owen Pratt, co-founder of the Clean Rivers Action Committee, said.';
    const qs = findQuotes(
      text,
      mentions(text, [
        ['Carla Meyers', 'PERSON'],
        ['Owen Pratt', 'PERSON'],
        ['Clean Rivers Action Committee', 'ORGANIZATION'],
      ]),
    );
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Carla Meyers', 'Owen Pratt']);
    expect(qs[1]?.speaker?.role).toBe('co-founder of the Clean Rivers Action Committee');
  });

  it('a participle after the quotation continues the sentence subject, not the phrase after it', () => {
    const text =
      'Mayor Ferris rebuked critics who want the levy called "a land grab," saying calling the Harbor Authority by another name will change nothing.';
    const [q] = direct(text, [
      ['Ferris', 'PERSON', 'Alan Ferris'],
      ['Harbor Authority', 'ORGANIZATION'],
    ]);
    expect(q?.speaker?.name).toBe('Alan Ferris');
    expect(q?.cue?.text).toBe('saying');
  });

  it('"he said" after a quotation of many sentences still reaches the narration before it', () => {
    const text =
      'Mayor Ferris spoke on Monday.\n\n"Would it help? Would it last? Would it pay? Would it bring jobs? Would it matter? Is there a plan?" he said.';
    const [q] = direct(text, [['Ferris', 'PERSON', 'Alan Ferris']]);
    expect(q?.speaker?.name).toBe('Alan Ferris');
    expect(q?.speaker?.mention.text).toBe('he');
  });

  it('irregular pasts after a quotation are cues', () => {
    const text =
      'Tom Kerner was asked about Idaho. “Every one of them,” Mr. Dalton said. Asked which town was his favorite, Kerner demurred: “The one I’m standing in.” “I think we ought to begin,” he went on.';
    const qs = direct(text, [
      ['Tom Kerner', 'PERSON'],
      ['Kerner', 'PERSON', 'Tom Kerner'],
      ['Dalton', 'PERSON', 'Paul Dalton'],
      ['Idaho', 'LOCATION'],
    ]);
    expect(qs).toHaveLength(3);
    expect([qs[0], qs[2]].map((q) => [q?.speaker?.name, q?.cue?.text])).toEqual([
      ['Paul Dalton', 'said'],
      ['Tom Kerner', 'went'],
    ]);
  });

  it('a verb whose subject is only a description yields to a later one with a named subject', () => {
    const [q] = direct(
      'Walter Brandt spoke. While the rich investor didn’t reveal the size of his gift, he did say he found Harlan to be “very impressive.”',
      [
        ['Walter Brandt', 'PERSON'],
        ['Harlan', 'PERSON', 'Ruth Harlan'],
      ],
    );
    expect(q?.speaker?.name).toBe('Walter Brandt');
    expect(q?.cue?.text).toBe('say');
  });

  it('manner-of-speaking verbs cue a quotation: barked, laughed, deadpanned', () => {
    for (const verb of ['barked', 'laughed', 'deadpanned', 'pleaded']) {
      const q = only(`"Go back to WKZ," Dalton ${verb} as a guard walked him out.`, [
        ['WKZ', 'ORGANIZATION'],
        ['Dalton', 'PERSON', 'Paul Dalton'],
      ]);
      expect(q.speaker?.name).toBe('Paul Dalton');
      expect(q.cue?.text).toBe(verb);
    }
  });

  it('a verb with an object after the quotation is not inverted: "…" described the impact', () => {
    const [q] = direct(
      'Ferris, who reckons that his court bills were "in the six figures," described the personal toll as heavy.',
      [['Ferris', 'PERSON', 'Alan Ferris']],
    );
    expect(q?.speaker?.name).not.toBe('the personal toll');
  });

  it('a pronoun or name with a verb right before the quotation wins over a cue after it', () => {
    const [q] = direct(
      "In 2011, under what Mr. Pryce called ''the old growth model,'' the Cedar Point Golf Club charged a $50,000 fee.",
      [
        ['Mr. Pryce', 'PERSON', 'Dan Pryce'],
        ['Cedar Point Golf Club', 'ORGANIZATION'],
      ],
    );
    expect(q?.speaker?.name).toBe('Dan Pryce');
    expect(q?.cue?.text).toBe('called');
  });

  it('a speech noun after a party adjective is no cue: "of Democratic claims as “false”"', () => {
    const [q] = direct('FactLens rated 41% of Democratic claims as "false" or "wildly off."', [
      ['FactLens', 'ORGANIZATION'],
      ['Democratic', 'MISC'],
    ]);
    expect(q?.speaker?.name).not.toBe('Democratic');
    expect(q?.cue?.text).not.toBe('claims');
  });

  it('a participle cue never takes the object of a preposition as its subject', () => {
    const [q] = direct(
      'He remembers the coach being patient - at one point even scolding the player: "You have to watch the ball."',
      [],
    );
    expect(q?.speaker?.name).not.toBe('one point');
  });

  it('a country set off by an appositive speaks: "Brazil, Caracas\'s closest partner, said"', () => {
    const [q] = direct('Brazil, Caracas\'s closest partner, said it was "deeply troubled" by the vote.', [
      ['Brazil', 'LOCATION'],
      ['Caracas', 'LOCATION'],
    ]);
    expect(q?.speaker?.name).toBe('Brazil');
    expect(q?.cue?.text).toBe('said');
    const [r] = direct(
      'Even Brazil, Caracas\'s closest partner, said it was "deeply troubled" by the vote.',
      [
        ['Brazil', 'LOCATION'],
        ['Caracas', 'LOCATION'],
      ],
    );
    expect(r?.speaker?.name).toBe('Brazil');
  });

  it('a gendered role outweighs the first name: "widow Terry Quinn" is "she"', () => {
    const qs = direct(
      '"The excuses don\'t hold up," said flood widow Terry Quinn.\n\nShe continued, "All we want is a fair hearing."',
      [['Terry Quinn', 'PERSON']],
    );
    expect(qs).toHaveLength(2);
    expect(qs[0]!.cue?.text).toBe('said');
    expect(qs[0]!.speaker?.role).toBe('widow');
    expect(qs[1]!.speaker?.name).toBe('Terry Quinn');
    expect(qs[1]!.speaker?.mention.text).toBe('She');
  });

  it('a fronted `as X put it` credits X, not a later name in the clause', () => {
    const [q] = direct(
      'As Ms. Varga put it in a note to my colleague Peter Lund in March, KLTV is "offering a view you won\'t find elsewhere."',
      [
        ['Varga', 'PERSON', 'Ilona Varga'],
        ['Peter Lund', 'PERSON'],
        ['KLTV', 'ORGANIZATION'],
      ],
    );
    expect(q?.speaker?.name).toBe('Ilona Varga');
    expect(q?.cue?.text).toBe('put it');
  });

  it('a named speaker and verb right before the quotation win over an earlier verb', () => {
    const [q] = direct(
      'So when Northgate signaled that it would settle with Mr. Pryce, Mr. Odell said, "we were stunned."',
      [
        ['Northgate', 'ORGANIZATION'],
        ['Mr. Pryce', 'PERSON', 'Dan Pryce'],
        ['Mr. Odell', 'PERSON', 'Ray Odell'],
      ],
    );
    expect(q?.speaker?.name).toBe('Ray Odell');
    expect(q?.speaker?.mention.text).toBe('Mr. Odell');
    expect(q?.cue?.text).toBe('said');
  });

  it('the subject of a participle cue is not the object of a preposition', () => {
    const [q] = direct(
      'In an interview with WKZ, Dalton kept up his attack on the mayor, saying he could not "balance a budget" as governor.',
      [
        ['WKZ', 'ORGANIZATION'],
        ['Dalton', 'PERSON', 'Paul Dalton'],
      ],
    );
    expect(q?.speaker?.name).toBe('Paul Dalton');
    const [r] = direct('Democrats piled on, with Luis Moreno tweeting that it was a "fiasco" for Dalton.', [
      ['Luis Moreno', 'PERSON'],
      ['Dalton', 'PERSON', 'Paul Dalton'],
    ]);
    expect(r?.speaker?.name).toBe('Luis Moreno');
  });

  it('a quotation with no closing punctuation takes a short cue ending its sentence', () => {
    const [q] = direct(
      '"Mayor Ferris invited both Ann and me to his office today" editor Joel Banks responded.',
      [
        ['Joel Banks', 'PERSON'],
        ['Ferris', 'PERSON', 'Alan Ferris'],
      ],
    );
    expect(q?.speaker?.name).toBe('Joel Banks');
    expect(q?.cue?.text).toBe('responded');
  });

  it('a cue clause after a partial quotation in a long sentence', () => {
    const [q] = direct(
      "Any ''sober'' reading of the moves, said Nina Holt, an expert on shipping at the Harbor Policy Institute in Boston, would see this as an open snub of the plan and a mark of weakness.",
      [['Nina Holt', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Nina Holt');
  });

  it('a pronoun and its verb right before the quotation are the nearer attribution', () => {
    const [q] = direct(
      'Ray Odell said he has backed a bill against ticket resellers, which he called “a racket for the rich.”',
      [['Ray Odell', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Ray Odell');
    expect(q?.speaker?.mention.text).toBe('he');
    expect(q?.cue?.text).toBe('called');
  });

  it('a pronoun in a later clause takes the sentence subject over a nearer object', () => {
    const q = only(
      'Luis Moreno went after Paul Dalton at the forum, when he called the developer “reckless.”',
      [
        ['Luis Moreno', 'PERSON'],
        ['Paul Dalton', 'PERSON'],
      ],
    );
    expect(q.speaker?.name).toBe('Luis Moreno');
    expect(q.speaker?.mention.text).toBe('he');
  });

  it('a participle cue takes the subject of the clause it follows, and a dateline agency is no subject', () => {
    const echoed = only(
      'It was a one-two punch by the leaders of the Farmers Party, as Luis Moreno echoed the attack, saying Mr. Dalton “is not in it for the workers.”',
      [
        ['Farmers Party', 'ORGANIZATION'],
        ['Luis Moreno', 'PERSON'],
        ['Dalton', 'PERSON', 'Paul Dalton'],
      ],
    );
    expect(echoed.speaker?.name).toBe('Luis Moreno');
    const dateline = only(
      'Boise (AFP) – Democrat Ruth Harlan has taken aim at Paul Dalton, saying that “reckless remarks” do damage.',
      [
        ['AFP', 'ORGANIZATION'],
        ['Ruth Harlan', 'PERSON'],
        ['Paul Dalton', 'PERSON'],
      ],
    );
    expect(dateline.speaker?.name).toBe('Ruth Harlan');
  });

  it('"it" and "they" reach an organisation described by its head noun: "Dalton’s campaign … what it calls"', () => {
    const [q] = direct(
      'Paul Dalton’s campaign is defending his posts. It is denouncing what it calls “the worst smear job in years.”',
      [['Paul Dalton’s', 'PERSON', 'Paul Dalton']],
    );
    expect(q?.speaker?.name).toBe('Paul Dalton’s campaign');
    expect(q?.speaker?.mention.text).toBe('it');
    expect(q?.cue?.text).toBe('calls');
  });

  it('a described subject with its verb and a comma right before the quotation is the nearer attribution', () => {
    const qs = findQuotes(
      'She said renters would not qualify, and when pressed on why, the 52-year-old owner of two shops replied, "It is meant to help the owners."',
      mentions('x', []),
    );
    const q = qs.find((x) => x.type === 'direct');
    expect(q?.speaker?.mention.text).toBe('the 52-year-old owner of two shops');
    expect(q?.cue?.text).toBe('replied');
    // The reported clause the rules read ends before the comma (the confidence filter, tested
    // in confidence.test.ts, may drop it: a quotation shares its sentence).
    const rules = findQuotes(
      'She said renters would not qualify, and when pressed on why, the 52-year-old owner of two shops replied, "It is meant to help the owners."',
      mentions('x', []),
      { filter: null },
    );
    expect(rules.find((x) => x.type === 'indirect')?.text).toBe('renters would not qualify');
  });

  it('a possessor of a speech noun before the quotation: "Dalton’s claim that …", "his claim that …"', () => {
    const qs = direct(
      'FactLens checked Paul Dalton’s claim that there have been “hundreds of break-ins” in Boise. Contrary to his claim that voters would “gain nothing,” the results matter.',
      [
        ['FactLens', 'ORGANIZATION'],
        ['Paul Dalton’s', 'PERSON', 'Paul Dalton'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.cue?.text])).toEqual([
      ['Paul Dalton', 'Paul Dalton’s', 'claim'],
      ['Paul Dalton', 'his', 'claim'],
    ]);
  });

  it('a claim judged by someone else does not credit its owner: "Dalton’s statement was “true.”"', () => {
    const qs = direct('In the end, Paul Dalton’s statement was “largely true.”', [
      ['Paul Dalton’s', 'PERSON', 'Paul Dalton'],
    ]);
    expect(qs[0]?.cue?.text).not.toBe('statement');
  });

  it('a concessive clause after the quotation is a report of its own, not its attribution', () => {
    const [q] = direct(
      'Lena Marsh spoke on Monday. She said she speaks about housing because "you deal with the problems on your desk," though she noted she has also pursued other causes.',
      [['Lena Marsh', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Lena Marsh');
    expect(q?.cue?.text).not.toBe('noted');
  });

  it('a new sentence whose pronoun reports something of its own ("He noted that …") is no tail cue', () => {
    const qs = direct(
      'Luis Moreno stopped by his offices. Walking in, the senator said his campaign was "finishing very strong." He noted that volunteers had come from all over.',
      [['Luis Moreno', 'PERSON']],
    );
    expect(qs[0]?.cue?.text).not.toBe('noted');
  });

  it('a described subject whose report opens with a pronoun is the mention: "The veteran mayor said he …, “…”"', () => {
    const q = only(
      'Alan Ferris opposed the bill. The veteran mayor said he rarely asks friends to campaign for him, “except for people I trust completely.”',
      [['Alan Ferris', 'PERSON']],
    );
    expect(q.speaker?.name).toBe('Alan Ferris');
    expect(q.speaker?.mention.text).toBe('The veteran mayor');
    expect(q.cue?.text).toBe('said');
  });

  it('documents and relative clauses as subjects: "…," it said after "A letter …"; "An official who …"', () => {
    const letter = direct(
      'A letter this week to the school board from the teachers union reflected both worries. "We have put up with years of closed-door deals," it said. "This must end."',
    );
    expect(letter.map((q) => [q.speaker?.name, q.speaker?.mention.text])).toEqual([
      ['A letter', 'it'],
      ['A letter', 'it'],
    ]);
    const official = only(
      'An official who spoke on condition of anonymity said, "There are talks between the two teams."',
    );
    expect(official.speaker?.name).toBe('An official');
    expect(official.cue?.text).toBe('said');
  });

  it('a document reads: "At the bottom it reads, “…”" (a pronoun is a whole phrase)', () => {
    const q = only(
      'The email shows a picture of the mayor. At the bottom it reads, "You can help the cause by giving today."',
    );
    expect(q.speaker?.name).toBe('The email');
    expect(q.speaker?.mention.text).toBe('it');
    expect(q.cue?.text).toBe('reads');
  });

  it('"it" after a quotation credited to no person takes that speaker: "…," the article read. "…," it added', () => {
    const qs = direct(
      'In 2004 the builder was celebrated.\n\n"His firm was left holding losses," the article read.\n\n"But since then, his luck has turned," it further wrote.\n\n"He is moving on," it added.',
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.cue?.text])).toEqual([
      ['the article', 'the article', 'read'],
      ['the article', 'it', 'wrote'],
      ['the article', 'it', 'added'],
    ]);
  });

  it("a relative clause after an appositive, with a time phrase before its verb, is the named person's", () => {
    const q = only(
      'Harlan has had a cool relationship with Dan Pryce, now the Senate minority leader, who in 2012 said the aim was to make Harlan a "one-term governor."',
      [
        ['Harlan', 'PERSON'],
        ['Dan Pryce', 'PERSON'],
        ['Senate', 'ORGANIZATION'],
      ],
    );
    expect([q.speaker?.name, q.speaker?.mention.text, q.cue?.text]).toEqual(['Dan Pryce', 'who', 'said']);
  });

  it('a reporting participle continues a sentence opened by a described group, after any introductory phrase', () => {
    const q = only(
      'Small groups of marchers continued to press for more answers, circling the blocks around the courthouse, while chanting, "Open the files now."',
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Small groups of marchers', 'chanting']);
    const groups = only(
      'In March, several farm groups granted Mr. Pryce a delay on a court order, saying his "cash reserves were lower than planned."',
      [['Pryce', 'PERSON']],
    );
    expect([groups.speaker?.name, groups.cue?.text]).toEqual(['several farm groups', 'saying']);
  });

  it('a title-cased headline gives no role: "Navy Mom Corners Ferris" leaves Ferris a man', () => {
    const qs = direct(
      'Navy Mom Corners Ferris On Taxes\n\nAlan Ferris spoke at a town hall.\n\n”… what I found is that it lands badly,” he said.',
      [
        ['Navy', 'ORGANIZATION'],
        ['Ferris', 'PERSON'],
        ['Alan Ferris', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([['Alan Ferris', null]]);
  });

  it('naming, citing and writing verbs by their past form: "Peru branded Chile a “…”", "it referenced “…”", "a nurse had typed “…”"', () => {
    const q = only('Peru branded Chile a "rogue state in the region."', [
      ['Peru', 'LOCATION'],
      ['Chile', 'LOCATION'],
    ]);
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Peru', 'branded']);
    const t = only('The minister rejected what Halvorsen termed "a flood of lies."', [
      ['Halvorsen', 'PERSON'],
    ]);
    expect([t.speaker?.name, t.cue?.text]).toEqual(['Halvorsen', 'termed']);
    const wto = only(
      'Although the WTO did not single out the plans, it referenced "trade frictions" in rich countries.',
      [['WTO', 'ORGANIZATION']],
    );
    expect([wto.speaker?.name, wto.cue?.text]).toEqual(['WTO', 'referenced']);
    const typed = direct(
      'On his intake form, in a box labeled "main complaint," a nurse had typed "chronic fatigue."',
    );
    expect([typed[1]?.speaker?.name, typed[1]?.cue?.text]).toEqual(['a nurse', 'typed']);
  });

  it('a speech noun after a gerund or an adjective is no verb; a possessor before adjectives and "claim is that" credits', () => {
    const calls = only(
      'In 2003 the Rev. Carl Booker began taking calls from listeners who wanted "to be heard by someone at last."',
      [['Carl Booker', 'PERSON']],
    );
    expect(calls.cue).toBeNull();
    const chant = direct(
      'Jeers rang out, and at one point the crowd noisily repeated the bitter chant "Send him home!"',
    );
    expect(chant.map((q) => q.speaker?.name ?? null)).not.toContain(
      'one point the crowd noisily repeated the bitter',
    );
    const claim = only(
      'But Varga’s most serious claim is that the State Audit Board is a “political weapon” aimed at her.',
      [
        ['Varga', 'PERSON'],
        ['State Audit Board', 'ORGANIZATION'],
      ],
    );
    expect([claim.speaker?.name, claim.cue?.text]).toEqual(['Varga', 'claim']);
  });

  it("a full name typed as an organisation is a person when it ends with a person's surname", () => {
    const qs = direct(
      'Paul Dalton spoke first. Later Jenna Dalton walked across the stage.\n\n"Policies should not be gimmicks," she said.',
      [
        ['Paul Dalton', 'PERSON'],
        ['Jenna Dalton', 'ORGANIZATION'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.type, q.speaker?.mention.text])).toEqual([
      ['Jenna Dalton', 'PERSON', 'she'],
    ]);
  });

  it('a lone first name the recogniser typed otherwise is a person a pronoun can reach', () => {
    const q = only(
      'The woman identified herself to WKZ as a tenant named Caroline.\n\n“He really cares about working people,” she said of Dalton.',
      [
        ['WKZ', 'ORGANIZATION'],
        ['Caroline', 'MISC'],
        ['Dalton', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.speaker?.mention.text]).toEqual(['Caroline', 'she']);
  });

  it('a prepositional phrase or a clause after a name is no role, and gives no gender', () => {
    const qs = direct(
      'Pryce, through a spokeswoman, declined to comment. Odell, said that the file was closed, left.\n\n"Let\'s be very clear," he wrote.',
      [
        ['Pryce', 'PERSON'],
        ['Odell', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([['Odell', null]]);
    const pryce = only(
      'Pryce, through a spokeswoman, declined to comment.\n\n"Let\'s be very clear," he wrote.',
      [['Pryce', 'PERSON']],
    );
    expect([pryce.speaker?.name, pryce.speaker?.role ?? null]).toEqual(['Pryce', null]);
  });

  it("a role's gender is its own, not that of a person named after a preposition", () => {
    const q = only(
      'Megan Holt, adviser to the senator and his brother, spoke on Sunday.\n\n"We are ahead," she said.',
      [['Megan Holt', 'PERSON']],
    );
    expect(q.speaker?.name).toBe('Megan Holt');
  });

  it('"Mrs. Dalton" and "Mr. Dalton" linked to one name leave its gender to the first name', () => {
    const q = only('Paul Dalton arrived. Mrs. Dalton waved. Mr. Dalton spoke.\n\n"We will win," he said.', [
      ['Paul Dalton', 'PERSON'],
      ['Dalton', 'PERSON'],
    ]);
    expect(q.speaker?.name).toBe('Paul Dalton');
  });

  it('the narrator\'s "I" is the author, never a later "he"; a quoted "I" is not', () => {
    const qs = direct(
      'I did not get off to a great start. "Fine," I said, trying to recover.\n\nThe judge, Tom Weller, frowned. "I am not convinced," he said.',
      [['Tom Weller', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name ?? null, q.speaker?.mention.text ?? null])).toEqual([
      ['the author', 'I'],
      ['Tom Weller', 'he'],
    ]);
    const turn = direct('GARVEY: Well, I said "we have to pull together."');
    expect(turn.map((q) => q.speaker?.name ?? null)).not.toContain('the author');
  });

  it('"it" takes a document owned by a capitalised possessor: "Friday\'s memo … “…,” it stated"', () => {
    const q = only(
      'Friday\'s memo from the committee seemed aimed at shoring up the review.\n\n"So far, 42 witnesses spoke," it stated.',
    );
    expect([q.speaker?.name, q.speaker?.mention.text]).toEqual(["Friday's memo", 'it']);
  });

  it('"my" opens a described speaker: "“…,” my father often said"', () => {
    const q = only('The fear stayed with us. "We live among wolves," my father often said.');
    expect([q.speaker?.name, q.cue?.text]).toEqual(['my father', 'said']);
  });

  it('an abbreviation ends its sentence before a subordinating word: "… the U.S. While …"', () => {
    const q = only(
      'Most recently, Paul Dalton called to ban cheap steel from coming into the U.S. While Ruth Harlan has condemned the plan, the farmers who wrote to her say they are "worried your campaign is sending mixed signals."',
      [
        ['Paul Dalton', 'PERSON'],
        ['U.S.', 'LOCATION'],
        ['Ruth Harlan', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['the farmers', 'say']);
  });

  it('a passive "was asked by Y" credits the asker with the question', () => {
    const q = only(
      'Moreno was asked by WKZ host Dana Fisher whether his plan would risk "creating another costly welfare program."',
      [
        ['Moreno', 'PERSON'],
        ['WKZ', 'ORGANIZATION'],
        ['Dana Fisher', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Dana Fisher', 'asked']);
  });

  it("a fronted subordinate clause gives no cue to the main clause's quotation", () => {
    const q = only(
      'While not everything Paul Dalton says is accurate, Nora Lindqvist said Dalton is "telling his voters what they want to hear."',
      [
        ['Paul Dalton', 'PERSON'],
        ['Nora Lindqvist', 'PERSON'],
        ['Dalton', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Nora Lindqvist', 'said']);
  });

  it('an appositive gives a role as a noun phrase, and a participial one gives none', () => {
    const text =
      'Anton Petrov, also a deputy prime minister and seen as a likely heir to Volkov, said, "We will decide." ' +
      'Norway, building Chile\'s first offshore wind farm, says, "The farm is safe."';
    const qs = direct(text, [
      ['Anton Petrov', 'PERSON'],
      ['Volkov', 'PERSON'],
      ['Norway', 'LOCATION'],
    ]);
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([
      ['Anton Petrov', 'deputy prime minister'],
      ['Norway', null],
    ]);
  });
});

describe('a bare plural after a closed quotation is a described speaker', () => {
  it('"…," officers said / "…!" protesters shouted', () => {
    const text =
      'Police entered the flat where Ivo Marsh hid.\n\n"We have him!" officers announced on their radios.';
    const qs = findQuotes(text, mentions(text, [['Ivo Marsh', 'PERSON']])).filter((q) => q.type === 'direct');
    expect(qs.map((q) => q.speaker?.name)).toEqual(['officers']);
  });

  it('switched off, the bare plural is refused as before', () => {
    const text = '"We have room for twenty more," volunteers said.';
    const qs = findQuotes(text, [], { filter: null, disabled: new Set(['tail.bare-plural']) });
    expect(qs.find((q) => q.type === 'direct')?.speaker?.name ?? null).not.toBe('volunteers');
  });
});

describe('a name coordinated with its own group', () => {
  it('"X and her team wrote" credits X, also when X is a surname', () => {
    const text =
      'Lena Brook studied ice for years. "We found ice under the crust," Brook and her team wrote.';
    const qs = findQuotes(
      text,
      mentions(text, [
        ['Lena Brook', 'PERSON'],
        ['Brook', 'PERSON'],
      ]),
    ).filter((q) => q.type === 'direct');
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Lena Brook']);
  });

  it("a group that is not the named speaker's own stays the subject", () => {
    const text = '"We found ice under the crust," the survey team wrote.';
    const qs = findQuotes(text, [], { filter: null }).filter((q) => q.type === 'direct');
    expect(qs.map((q) => q.speaker?.name)).toEqual(['the survey team']);
  });
});

describe('a cue word inside a prepositional phrase is its noun', () => {
  it('"In a separate tweet, the group added …" credits the group, not "a separate"', () => {
    const text =
      'The Dock Workers Union posted a notice on Monday. In a separate tweet, the union added that the port "is not keeping its word."';
    const qs = findQuotes(text, mentions(text, [['The Dock Workers Union', 'ORGANIZATION']])).filter(
      (q) => q.type === 'direct',
    );
    expect(qs[0]?.speaker?.name).not.toBe('a separate');
    expect(qs[0]?.cue?.text).toBe('added');
  });

  it('the same word as a verb after its subject is still a cue', () => {
    const text = 'Mayor Ada Brennan tweeted that the plan was "a done deal."';
    const qs = findQuotes(text, mentions(text, [['Ada Brennan', 'PERSON']])).filter(
      (q) => q.type === 'direct',
    );
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Ada Brennan']);
  });
});

describe('he/she after a described person whose noun tells the gender', () => {
  it('"one mother … she said" is the mother, not a name of no known gender', () => {
    const text =
      'Reporters spoke to one mother who shops at Kestrel Point every week.\n\n"I keep the phone in the kitchen," she said.';
    const qs = findQuotes(text, mentions(text, [['Kestrel Point', 'PERSON']])).filter(
      (q) => q.type === 'direct',
    );
    expect(qs.map((q) => q.speaker?.name)).toEqual(['one mother']);
  });

  it('a name of the same gender in that sentence wins, and "his mother" is no new speaker', () => {
    const named =
      'Reporters spoke to one mother, Jane Holm, at the school.\n\n"I keep the phone away," she said.';
    const a = findQuotes(named, mentions(named, [['Jane Holm', 'PERSON']])).filter(
      (q) => q.type === 'direct',
    );
    expect(a.map((q) => q.speaker?.name)).toEqual(['Jane Holm']);
    const kin = 'Ada Brennan visited her mother in May.\n\n"We talked for hours," she said.';
    const b = findQuotes(kin, mentions(kin, [['Ada Brennan', 'PERSON']])).filter((q) => q.type === 'direct');
    expect(b.map((q) => q.speaker?.name)).toEqual(['Ada Brennan']);
  });
});
