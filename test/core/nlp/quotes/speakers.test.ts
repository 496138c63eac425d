import { describe, expect, it } from 'vitest';
import { findQuotes } from '../../../../functions/core/nlp/quotes/find.ts';
import type { EntityMention, EntityType, Quote } from '../../../../functions/core/types.ts';
import { mentions } from './helpers.ts';

function direct(text: string, names: readonly [string, EntityType, string?][] = []): Quote[] {
  return findQuotes(text, mentions(text, names)).filter((q) => q.type === 'direct');
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

  it('nominals: the newspaper refers to the organisation named before', () => {
    const text =
      'The Daily Planet published the letter on Sunday.\n\n"The city deserves better," the newspaper wrote.';
    const q = only(text, [['Daily Planet', 'ORGANIZATION']]);
    expect(q.speaker?.name).toBe('Daily Planet');
    expect(q.speaker?.mention.text).toBe('the newspaper');
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
    const text = 'She appeared on "Fox and Friends" and mentioned "synergy" twice.';
    expect(direct(text, [])).toEqual([]);
    const transcript =
      'Part of the interview:\n\n"WALLACE: Let us start with the debate. Why?\n\n"PENCE: Well, the question is why."';
    expect(direct(transcript, [])).toEqual([]);
    const works =
      'The actor Chris Cooper, who stars in the Netflix thriller, “Bloodline,” and the podcast “So, That Happened,” said he was tired.';
    expect(direct(works, [['Chris Cooper', 'PERSON']])).toEqual([]);
  });

  it('keeps what a crowd shouted, even title-cased: "chants of “Ted! Ted!”"', () => {
    const qs = direct(
      'But their chants of "Ted! Ted! Ted!" were cut short. Fans greeted him with chants of "Bobby!" at the conference.',
    );
    expect(qs.map((q) => q.text)).toEqual(['"Ted! Ted! Ted!"', '"Bobby!"']);
  });

  it('drops a section subhead: a paragraph of a few words in single marks, after the headline', () => {
    const text =
      "'Missing' Voters Might Help Trump\n\nDavid Autor studies trade.\n\n'Pretty cool working there.'\n\n\"It was pretty cool working there,\" said Carol Bigbee.";
    const qs = direct(text, [
      ['David Autor', 'PERSON'],
      ['Carol Bigbee', 'PERSON'],
    ]);
    expect(qs.map((q) => q.text)).toEqual(["'Missing'", '"It was pretty cool working there,"']);
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
      '“We will not solve this challenge,” Anne Richards, assistant secretary of state for population, refugees, and migration, said on the call. “It is,” Adam Green, co-founder of the Progressive Change Campaign Committee, said.';
    const qs = findQuotes(
      text,
      mentions(text, [
        ['Anne Richards', 'PERSON'],
        ['Adam Green', 'PERSON'],
        ['Progressive Change Campaign Committee', 'ORGANIZATION'],
      ]),
    );
    expect(qs.map((q) => q.speaker?.name)).toEqual(['Anne Richards', 'Adam Green']);
    expect(qs[1]?.speaker?.role).toBe('co-founder of the Progressive Change Campaign Committee');
  });

  it('a participle after the quotation continues the sentence subject, not the phrase after it', () => {
    const text =
      'President Obama rebuked critics who want terrorists called "radical Islamists," saying calling the Islamic State by another name will do nothing.';
    const [q] = direct(text, [
      ['Obama', 'PERSON', 'Barack Obama'],
      ['Islamic State', 'ORGANIZATION'],
    ]);
    expect(q?.speaker?.name).toBe('Barack Obama');
    expect(q?.cue?.text).toBe('saying');
  });

  it('"he said" after a quotation of many sentences still reaches the narration before it', () => {
    const text =
      'President Obama spoke on Monday.\n\n"Would it work? Would it change it? Would it help? Would it bring allies? Would it matter? Is there a strategy?" he said.';
    const [q] = direct(text, [['Obama', 'PERSON', 'Barack Obama']]);
    expect(q?.speaker?.name).toBe('Barack Obama');
    expect(q?.speaker?.mention.text).toBe('he');
  });

  it('any verb between a subject and a colon, and irregular pasts after a quotation, are cues', () => {
    const text =
      'Ted Cruz was asked about Iowa. “All of them,” Mr. Trump said. Asked which county was his favorite, Cruz demurred: “Whichever one I’m in.” “I think we ought to start,” he went on.';
    const qs = direct(text, [
      ['Ted Cruz', 'PERSON'],
      ['Cruz', 'PERSON', 'Ted Cruz'],
      ['Trump', 'PERSON', 'Donald Trump'],
      ['Iowa', 'LOCATION'],
    ]);
    expect(qs.map((q) => [q.speaker?.name, q.cue?.text])).toEqual([
      ['Donald Trump', 'said'],
      ['Ted Cruz', 'demurred'],
      ['Ted Cruz', 'went'],
    ]);
  });

  it('a verb whose subject is only a description yields to a later one with a named subject', () => {
    const [q] = direct(
      'Sheldon Adelson spoke. While the mega donor didn’t disclose his degree of backing, he did say he found Trump to be “very charming.”',
      [
        ['Sheldon Adelson', 'PERSON'],
        ['Trump', 'PERSON', 'Donald Trump'],
      ],
    );
    expect(q?.speaker?.name).toBe('Sheldon Adelson');
    expect(q?.cue?.text).toBe('say');
  });

  it('as X put it: “…”', () => {
    const [q] = direct(
      'Or, as Tom Ridge, a former secretary of homeland security, put it: "They are inside."',
      [['Tom Ridge', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Tom Ridge');
    expect(q?.cue?.text).toBe('put it');
  });

  it('manner-of-speaking verbs cue a quotation: barked, laughed, deadpanned', () => {
    for (const verb of ['barked', 'laughed', 'deadpanned', 'pleaded']) {
      const q = only(`"Go back to Univision," Trump ${verb} as a guard escorted him out.`, [
        ['Univision', 'ORGANIZATION'],
        ['Trump', 'PERSON', 'Donald Trump'],
      ]);
      expect(q.speaker?.name).toBe('Donald Trump');
      expect(q.cue?.text).toBe(verb);
    }
  });

  it('a verb with an object after the quotation is not inverted: "…" described the impact', () => {
    const [q] = direct(
      'Roffman, who estimates that his legal costs were "in the seven figures," described the emotional impact as severe.',
      [['Roffman', 'PERSON', 'Marvin Roffman']],
    );
    expect(q?.speaker?.name).not.toBe('the emotional impact');
  });

  it('a pronoun or name with a verb right before the quotation wins over a cue after it', () => {
    const [q] = direct(
      "In 2009, under what Mr. Hedge called ''the prior economy model,'' the Marsh Landing Country Club charged a $100,000 fee.",
      [
        ['Mr. Hedge', 'PERSON', 'Greg Hedge'],
        ['Marsh Landing Country Club', 'ORGANIZATION'],
      ],
    );
    expect(q?.speaker?.name).toBe('Greg Hedge');
    expect(q?.cue?.text).toBe('called');
  });

  it('a speech noun after a party adjective is no cue: "of Republican claims as “false”"', () => {
    const [q] = direct('PolitiFact rated 32% of Republican claims as "false" or "pants on fire."', [
      ['PolitiFact', 'ORGANIZATION'],
      ['Republican', 'MISC'],
    ]);
    expect(q?.speaker?.name).not.toBe('Republican');
    expect(q?.cue?.text).not.toBe('claims');
  });

  it('a participle cue never takes the object of a preposition as its subject', () => {
    const [q] = direct(
      'She recalls the partner being supportive - at one point even admonishing the client: "You have to look at her."',
      [],
    );
    expect(q?.speaker?.name).not.toBe('one point');
  });

  it('a country set off by an appositive speaks: "China, Pyongyang\'s only ally, said"', () => {
    const [q] = direct('China, Pyongyang\'s only ally, said it was "resolutely opposed" to the test.', [
      ['China', 'LOCATION'],
      ['Pyongyang', 'LOCATION'],
    ]);
    expect(q?.speaker?.name).toBe('China');
    expect(q?.cue?.text).toBe('said');
    const [r] = direct('Even China, Pyongyang\'s only ally, said it was "resolutely opposed" to the test.', [
      ['China', 'LOCATION'],
      ['Pyongyang', 'LOCATION'],
    ]);
    expect(r?.speaker?.name).toBe('China');
  });

  it('a gendered role outweighs the first name: "widow Terry Strada" is "she"', () => {
    const qs = direct(
      '"The rationales don\'t hold weight," said 9/11 widow Terry Strada.\n\nShe continued, "All we are asking for is a day in court."',
      [['Terry Strada', 'PERSON']],
    );
    expect(qs).toHaveLength(2);
    expect(qs[0]!.cue?.text).toBe('said');
    expect(qs[0]!.speaker?.role).toBe('widow');
    expect(qs[1]!.speaker?.name).toBe('Terry Strada');
    expect(qs[1]!.speaker?.mention.text).toBe('She');
  });

  it('a fronted `as X put it` credits X, not a later name in the clause', () => {
    const [q] = direct(
      'As Ms. Simonyan put it in a statement to my colleague Michael Grynbaum in July, RT is "providing a perspective you won\'t get."',
      [
        ['Simonyan', 'PERSON', 'Margarita Simonyan'],
        ['Michael Grynbaum', 'PERSON'],
        ['RT', 'ORGANIZATION'],
      ],
    );
    expect(q?.speaker?.name).toBe('Margarita Simonyan');
    expect(q?.cue?.text).toBe('put it');
  });

  it('a named speaker and verb right before the quotation win over an earlier verb', () => {
    const [q] = direct(
      'So when Patriot signaled that it would deal with Mr. Clarke, Mr. Barrett said, "we were floored."',
      [
        ['Patriot', 'ORGANIZATION'],
        ['Mr. Clarke', 'PERSON', 'Tom Clarke'],
        ['Mr. Barrett', 'PERSON', 'Bill Barrett'],
      ],
    );
    expect(q?.speaker?.name).toBe('Bill Barrett');
    expect(q?.speaker?.mention.text).toBe('Mr. Barrett');
    expect(q?.cue?.text).toBe('said');
  });

  it('the subject of a participle cue is not the object of a preposition', () => {
    const [q] = direct(
      'In an interview with CNN, Trump continued to question the senator, saying he could not "make deals" as president.',
      [
        ['CNN', 'ORGANIZATION'],
        ['Trump', 'PERSON', 'Donald Trump'],
      ],
    );
    expect(q?.speaker?.name).toBe('Donald Trump');
    const [r] = direct(
      'Republicans chimed in, with Donald Trump tweeting that it was a "disaster" for Clinton.',
      [
        ['Donald Trump', 'PERSON'],
        ['Clinton', 'PERSON', 'Hillary Clinton'],
      ],
    );
    expect(r?.speaker?.name).toBe('Donald Trump');
  });

  it('a quotation with no closing punctuation takes a short cue ending its sentence', () => {
    const [q] = direct(
      '"Dr. Carson invited both Bob and me to his house today" editor Steven Ginsberg responded.',
      [
        ['Steven Ginsberg', 'PERSON'],
        ['Carson', 'PERSON', 'Ben Carson'],
      ],
    );
    expect(q?.speaker?.name).toBe('Steven Ginsberg');
    expect(q?.cue?.text).toBe('responded');
  });

  it('a cue clause after a partial quotation in a long sentence', () => {
    const [q] = direct(
      "Any ''cleareyed'' interpretation of the actions, said Michael Kofman, an expert on Russia at the Woodrow Wilson Center in Washington, would read this as a public rebuke of the policy and a sign of weakness.",
      [['Michael Kofman', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Michael Kofman');
  });

  it('a pronoun and its verb right before the quotation are the nearer attribution', () => {
    const [q] = direct(
      'Ron DeSantis said he has supported a bill against accreditation bodies, which he called “a cartel for higher education.”',
      [['Ron DeSantis', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Ron DeSantis');
    expect(q?.speaker?.mention.text).toBe('he');
    expect(q?.cue?.text).toBe('called');
  });

  it('a pronoun in a later clause takes the sentence subject over a nearer object', () => {
    const q = only(
      'Jeb Bush went after Donald Trump at the debate, when he called the businessman “unhinged.”',
      [
        ['Jeb Bush', 'PERSON'],
        ['Donald Trump', 'PERSON'],
      ],
    );
    expect(q.speaker?.name).toBe('Jeb Bush');
    expect(q.speaker?.mention.text).toBe('he');
  });

  it('a participle cue takes the subject of the clause it follows, and a dateline agency is no subject', () => {
    const echoed = only(
      'It was a one-two punch by the women of the Democratic Party, as Hillary Clinton echoed the criticism, saying Mr. Trump “is not in it for the American people.”',
      [
        ['Democratic Party', 'ORGANIZATION'],
        ['Hillary Clinton', 'PERSON'],
        ['Trump', 'PERSON', 'Donald Trump'],
      ],
    );
    expect(echoed.speaker?.name).toBe('Hillary Clinton');
    const dateline = only(
      'Washington (AFP) – Democrat Hillary Clinton has taken a swipe at Donald Trump, saying that “bombastic comments” do harm.',
      [
        ['AFP', 'ORGANIZATION'],
        ['Hillary Clinton', 'PERSON'],
        ['Donald Trump', 'PERSON'],
      ],
    );
    expect(dateline.speaker?.name).toBe('Hillary Clinton');
  });

  it('"it" and "they" reach an organisation described by its head noun: "Trump’s campaign … what it calls"', () => {
    const [q] = direct(
      'Donald Trump’s campaign is defending his tweets. It is denouncing what it calls “the biggest media attack in history.”',
      [['Donald Trump’s', 'PERSON', 'Donald Trump']],
    );
    expect(q?.speaker?.name).toBe('Donald Trump’s campaign');
    expect(q?.speaker?.mention.text).toBe('it');
    expect(q?.cue?.text).toBe('calls');
  });

  it('a reporting participle after an earlier quotation of the sentence takes the sentence subject', () => {
    const qs = direct(
      "Mr. Trump hardly clarified the matter -- ''That makes me smart'' -- and, when questioned after the debate, asserting, ''Of course, I pay federal taxes.''",
      [['Trump', 'PERSON', 'Donald Trump']],
    );
    expect(qs[1]?.speaker?.name).toBe('Donald Trump');
    expect(qs[1]?.cue?.text).toBe('asserting');
  });

  it('a described subject with its verb and a comma right before the quotation is the nearer attribution', () => {
    const qs = findQuotes(
      'She said fathers would not be eligible, and when pressed on why, the 34-year-old mother of three replied, "It is meant to benefit the mother."',
      mentions('x', []),
    );
    const q = qs.find((x) => x.type === 'direct');
    expect(q?.speaker?.mention.text).toBe('the 34-year-old mother of three');
    expect(q?.cue?.text).toBe('replied');
    expect(qs.find((x) => x.type === 'indirect')?.text).toBe('fathers would not be eligible');
  });

  it('a possessor of a speech noun before the quotation: "Trump’s claim that …", "his claim that …"', () => {
    const qs = direct(
      'Politifact checked Donald Trump’s claim that there have been “thousands of shootings” in Chicago. Contrary to his claim that voters would “learn nothing,” the returns matter.',
      [
        ['Politifact', 'ORGANIZATION'],
        ['Donald Trump’s', 'PERSON', 'Donald Trump'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.cue?.text])).toEqual([
      ['Donald Trump', 'Donald Trump’s', 'claim'],
      ['Donald Trump', 'his', 'claim'],
    ]);
  });

  it('a claim judged by someone else does not credit its owner: "Trump’s statement was “true.”"', () => {
    const qs = direct('In the end, Donald Trump’s statement was “mostly true.”', [
      ['Donald Trump’s', 'PERSON', 'Donald Trump'],
    ]);
    expect(qs[0]?.cue?.text).not.toBe('statement');
  });

  it('a concessive clause after the quotation is a report of its own, not its attribution', () => {
    const [q] = direct(
      'Loretta Lynch spoke on Monday. She said she speaks about race because "you talk about the issues in front of you," though she noted she has also pushed other cases.',
      [['Loretta Lynch', 'PERSON']],
    );
    expect(q?.speaker?.name).toBe('Loretta Lynch');
    expect(q?.cue?.text).not.toBe('noted');
  });

  it('`"…," as X put it` and `"…," as X said` after the quotation', () => {
    const qs = direct(
      'The main requirement is a "lawful source of investment income," as a Homeland Security memo put it. Warnings come from "the political left," as the host Steve Doocy said in April.',
      [['Steve Doocy', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name, q.cue?.text])).toEqual([
      ['a Homeland Security memo', 'put it'],
      ['Steve Doocy', 'said'],
    ]);
  });

  it('a new sentence whose pronoun reports something of its own ("He noted that …") is no tail cue', () => {
    const qs = direct(
      'Marco Rubio stopped by his headquarters. Walking in, the senator said his campaign was "closing really strong." He noted that supporters had come from far and wide.',
      [['Marco Rubio', 'PERSON']],
    );
    expect(qs[0]?.cue?.text).not.toBe('noted');
  });

  it('a described subject whose report opens with a pronoun is the mention: "The longtime senator said he …, “…”"', () => {
    const q = only(
      'John McCain opposed the bill. The longtime senator said he rarely asks surrogates to stump for him, “except for people I’m very close to.”',
      [['John McCain', 'PERSON']],
    );
    expect(q.speaker?.name).toBe('John McCain');
    expect(q.speaker?.mention.text).toBe('The longtime senator');
    expect(q.cue?.text).toBe('said');
  });

  it('documents and relative clauses as subjects: "…," it said after "A letter …"; "a message that said"; "An official who …"', () => {
    const letter = direct(
      'A letter this month to the bank board from the staff association reflected both concerns. "We have accepted decades of back-room deals," it said. "This must change."',
    );
    expect(letter.map((q) => [q.speaker?.name, q.speaker?.mention.text])).toEqual([
      ['A letter', 'it'],
      ['A letter', 'it'],
    ]);
    const message = only(
      'The listing was replaced by a message that said, "Sorry, but the item you have requested is gone."',
    );
    expect(message.speaker?.name).toBe('a message');
    const official = only(
      'An official who spoke on condition of anonymity said, "There are discussions between the two campaigns."',
    );
    expect(official.speaker?.name).toBe('An official');
    expect(official.cue?.text).toBe('said');
  });

  it('a document reads: "At the bottom it reads, “…”" (a pronoun is a whole phrase)', () => {
    const q = only(
      'The email includes a photo of the senator. At the bottom it reads, "You can further support the cause by chipping in now."',
    );
    expect(q.speaker?.name).toBe('The email');
    expect(q.speaker?.mention.text).toBe('it');
    expect(q.cue?.text).toBe('reads');
  });

  it('"it" after a quotation credited to no person takes that speaker: "…," the article read. "…," it added', () => {
    const qs = direct(
      'In 1996 the developer was praised.\n\n"His company was left holding debt," the article read.\n\n"But since then, his fortunes have changed," it further wrote.\n\n"He is moving ahead," it added.',
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.mention.text, q.cue?.text])).toEqual([
      ['the article', 'the article', 'read'],
      ['the article', 'it', 'wrote'],
      ['the article', 'it', 'added'],
    ]);
  });

  it("a relative clause after an appositive, with a time phrase before its verb, is the named person's", () => {
    const q = only(
      'Obama has had a frosty relationship with Mitch McConnell, now the Senate majority leader, who in 2010 said the goal was to make Obama a "one-term president."',
      [
        ['Obama', 'PERSON'],
        ['Mitch McConnell', 'PERSON'],
        ['Senate', 'ORGANIZATION'],
      ],
    );
    expect([q.speaker?.name, q.speaker?.mention.text, q.cue?.text]).toEqual([
      'Mitch McConnell',
      'who',
      'said',
    ]);
  });

  it('a reporting participle continues a sentence opened by a described group, after any introductory phrase', () => {
    const q = only(
      'Small groups of protesters continued to call for more information, looping the streets around the stadium, while chanting, "Hands up, don\'t shoot."',
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Small groups of protesters', 'chanting']);
    const groups = only(
      'In August, several environmental groups granted Mr. Clarke an extension on a court order, saying his "start-up capital was less than expected."',
      [['Clarke', 'PERSON']],
    );
    expect([groups.speaker?.name, groups.cue?.text]).toEqual(['several environmental groups', 'saying']);
  });

  it('a title-cased headline gives no role: "Gold Star Mom Corners Obama" leaves Obama a man', () => {
    const qs = direct(
      'Gold Star Mom Corners Obama On Terror\n\nBarack Obama spoke at a town hall.\n\n”… what I learned is that it is heard badly,” he said.',
      [
        ['Gold Star', 'ORGANIZATION'],
        ['Obama', 'PERSON'],
        ['Barack Obama', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([['Barack Obama', null]]);
  });

  it('naming, citing and writing verbs by their past form: "Japan branded North Korea an “…”", "it referenced “…”", "a doctor had typed “…”"', () => {
    const q = only('Japan branded North Korea an "outlaw nation in the neighborhood."', [
      ['Japan', 'LOCATION'],
      ['North Korea', 'LOCATION'],
    ]);
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Japan', 'branded']);
    const t = only('The minister rejected what Netanyahu termed "a campaign of lies."', [
      ['Netanyahu', 'PERSON'],
    ]);
    expect([t.speaker?.name, t.cue?.text]).toEqual(['Netanyahu', 'termed']);
    const imf = only(
      'Although the IMF did not single out the proposals, it referenced "political tensions" in rich countries.',
      [['IMF', 'ORGANIZATION']],
    );
    expect([imf.speaker?.name, imf.cue?.text]).toEqual(['IMF', 'referenced']);
    const typed = direct(
      'On her discharge papers, in a box labeled "medical problem," a doctor had typed "homicidal ideation."',
    );
    expect([typed[1]?.speaker?.name, typed[1]?.cue?.text]).toEqual(['a doctor', 'typed']);
  });

  it('a speech noun after a gerund or an adjective is no verb; a possessor before adjectives and "claim is that" credits', () => {
    const calls = only(
      'In 1997 the Rev. Al Sharpton began taking calls from listeners to his "Keepin\' It Real" program.',
      [['Al Sharpton', 'PERSON']],
    );
    expect(calls.cue).toBeNull();
    const chant = direct(
      'Boos rained down, and at one point the crowd loudly reprised the caustic chant "Lock her up!"',
    );
    expect(chant.map((q) => q.speaker?.name ?? null)).not.toContain(
      'one point the crowd loudly reprised the caustic',
    );
    const claim = only(
      'But Podliska’s most explosive claim is that the House Select Committee on Benghazi is a “witch hunt” launched to get her.',
      [
        ['Podliska', 'PERSON'],
        ['House Select Committee on Benghazi', 'ORGANIZATION'],
      ],
    );
    expect([claim.speaker?.name, claim.cue?.text]).toEqual(['Podliska', 'claim']);
  });

  it("a full name typed as an organisation is a person when it ends with a person's surname", () => {
    const qs = direct(
      'Donald Trump spoke first. Later Ivanka Trump strode across the stage.\n\n"Policies should not be novelties," she said.',
      [
        ['Donald Trump', 'PERSON'],
        ['Ivanka Trump', 'ORGANIZATION'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.type, q.speaker?.mention.text])).toEqual([
      ['Ivanka Trump', 'PERSON', 'she'],
    ]);
  });

  it('a lone first name the recogniser typed otherwise is a person a pronoun can reach', () => {
    const q = only(
      'The woman identified herself to CNN as a resident named Caroline.\n\n“He truly cares about the American people,” she said of Trump.',
      [
        ['CNN', 'ORGANIZATION'],
        ['Caroline', 'MISC'],
        ['Trump', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.speaker?.mention.text]).toEqual(['Caroline', 'she']);
  });

  it('a prepositional phrase or a clause after a name is no role, and gives no gender', () => {
    const qs = direct(
      'Schilling, through a spokeswoman, declined to comment. Comey, said that the case was closed, left.\n\n"Let\'s make one thing clear," he wrote.',
      [
        ['Schilling', 'PERSON'],
        ['Comey', 'PERSON'],
      ],
    );
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([['Comey', null]]);
    const schilling = only(
      'Schilling, through a spokeswoman, declined to comment.\n\n"Let\'s make one thing clear," he wrote.',
      [['Schilling', 'PERSON']],
    );
    expect([schilling.speaker?.name, schilling.speaker?.role ?? null]).toEqual(['Schilling', null]);
  });

  it("a role's gender is its own, not that of a person named after a preposition", () => {
    const q = only(
      'Dana Perino, adviser to the governor and his father, spoke on Sunday.\n\n"We are winning," she said.',
      [['Dana Perino', 'PERSON']],
    );
    expect(q.speaker?.name).toBe('Dana Perino');
  });

  it('"Mrs. Trump" and "Mr. Trump" linked to one name leave its gender to the first name', () => {
    const q = only('Donald Trump arrived. Mrs. Trump waved. Mr. Trump spoke.\n\n"We will win," he said.', [
      ['Donald Trump', 'PERSON'],
      ['Trump', 'PERSON'],
    ]);
    expect(q.speaker?.name).toBe('Donald Trump');
  });

  it('the narrator\'s "I" is the author, never a later "he"; a quoted "I" is not', () => {
    const qs = direct(
      'I was not off to a good start. "Okay," I said, attempting to regroup.\n\nThe judge, John Berman, frowned. "I am not persuaded," he said.',
      [['John Berman', 'PERSON']],
    );
    expect(qs.map((q) => [q.speaker?.name ?? null, q.speaker?.mention.text ?? null])).toEqual([
      ['the author', 'I'],
      ['John Berman', 'he'],
    ]);
    const turn = direct('FALLIN: Well, I said "we need to work together."');
    expect(turn.map((q) => q.speaker?.name ?? null)).not.toContain('the author');
  });

  it('"it" takes a document owned by a capitalised possessor: "Thursday\'s memo … “…,” it stated"', () => {
    const q = only(
      'Thursday\'s memo from the panel seemed aimed at bolstering the inquiry.\n\n"So far, 59 witnesses spoke," it stated.',
    );
    expect([q.speaker?.name, q.speaker?.mention.text]).toEqual(["Thursday's memo", 'it']);
  });

  it('"my" opens a described speaker: "“…,” my father often said"', () => {
    const q = only('The paranoia remained. "We live in Satan\'s kingdom," my father often said.');
    expect([q.speaker?.name, q.cue?.text]).toEqual(['my father', 'said']);
  });

  it('a definite nominal opening the sentence is the subject of a later coordinated verb', () => {
    const q = only(
      'The Republican nominee also outlined his cybersecurity plan and vowed to harshly punish "those who violate classification rules."',
      [['Republican', 'MISC']],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['The Republican nominee', 'vowed']);
  });

  it("a fronted participle clause takes the main clause's subject after the quotation", () => {
    const q = direct(
      'In her book, Hillary Clinton noted the clot.\n\nAfter saying her foot was "so swollen I could barely get my shoe on," she was taken to a hospital.',
      [['Hillary Clinton', 'PERSON']],
    )[0]!;
    expect([q.speaker?.name, q.speaker?.mention.text, q.cue?.text]).toEqual([
      'Hillary Clinton',
      'she',
      'saying',
    ]);
  });

  it('an abbreviation ends its sentence before a subordinating word: "… the U.S. While …"', () => {
    const q = only(
      'Most recently, Donald Trump called to ban Muslims from entering the U.S. While Hillary Clinton has condemned the proposal, the groups who wrote to her say they are "concerned your campaign is sending mixed messages."',
      [
        ['Donald Trump', 'PERSON'],
        ['U.S.', 'LOCATION'],
        ['Hillary Clinton', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['the groups', 'say']);
  });

  it('a passive "was asked by Y" credits the asker with the question', () => {
    const q = only(
      'Rubio was asked by Fox Business moderator Gerard Baker whether his plan would risk "adding another expensive entitlement program."',
      [
        ['Rubio', 'PERSON'],
        ['Fox Business', 'ORGANIZATION'],
        ['Gerard Baker', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Gerard Baker', 'asked']);
  });

  it("a fronted subordinate clause gives no cue to the main clause's quotation", () => {
    const q = only(
      'While not everything Donald Trump says is true, Kathleen Jamieson said Trump is "telling his supporters what they want to believe."',
      [
        ['Donald Trump', 'PERSON'],
        ['Kathleen Jamieson', 'PERSON'],
        ['Trump', 'PERSON'],
      ],
    );
    expect([q.speaker?.name, q.cue?.text]).toEqual(['Kathleen Jamieson', 'said']);
  });

  it('an appositive gives a role as a noun phrase, and a participial one gives none', () => {
    const text =
      'Sergei Ivanov, also a deputy prime minister and seen as a potential successor to Putin, said, "We will decide." ' +
      'Russia, building Iran\'s first nuclear plant, says, "The plant is safe."';
    const qs = direct(text, [
      ['Sergei Ivanov', 'PERSON'],
      ['Putin', 'PERSON'],
      ['Russia', 'LOCATION'],
    ]);
    expect(qs.map((q) => [q.speaker?.name, q.speaker?.role ?? null])).toEqual([
      ['Sergei Ivanov', 'deputy prime minister'],
      ['Russia', null],
    ]);
  });
});
