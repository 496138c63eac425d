import { describe, expect, it } from 'vitest';
import { canonicalize, groupEntities } from '#core/nlp/entities/group.ts';
import type { EntityType } from '#core/types.ts';

/** Mentions of the given surface forms, located in `text` in order. */
function mentionsIn(text: string, items: [string, EntityType][]) {
  let from = 0;
  return items.map(([surface, type]) => {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`${surface} not in text`);
    from = start + surface.length;
    return { type, text: surface, start, end: start + surface.length };
  });
}

describe('canonicalize', () => {
  it('joins a surname to the full name', () => {
    const text =
      'Defense Minister Sergei Ivanov spoke. Later Ivanov said no. President Vladimir Putin agreed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Sergei Ivanov', 'PERSON'],
        ['Ivanov', 'PERSON'],
        ['Vladimir Putin', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Sergei Ivanov', 'Sergei Ivanov', 'Vladimir Putin']);
    const entities = groupEntities(out);
    expect(entities.map((e) => [e.name, e.mentions])).toEqual([
      ['Sergei Ivanov', 2],
      ['Vladimir Putin', 1],
    ]);
  });

  it('reads a lone name as a surname before a first name, however near the first-name reading', () => {
    const text =
      'Donald J. Trump spoke at Trump Tower. Hillary met Hillary Clinton. Trump said, and Hillary left.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Donald J. Trump', 'PERSON'],
        ['Trump Tower', 'PERSON'],
        ['Hillary Clinton', 'PERSON'],
        ['Trump', 'PERSON'],
        ['Hillary', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Donald J. Trump',
      'Trump Tower',
      'Hillary Clinton',
      'Donald J. Trump',
      'Hillary Clinton',
    ]);
  });

  it('never merges two different people and sends a surname to the nearest preceding one', () => {
    const text =
      'Hillary Clinton met Bill Clinton. Clinton said yes. Then Hillary Clinton left; Clinton stayed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Hillary Clinton', 'PERSON'],
        ['Bill Clinton', 'PERSON'],
        ['Clinton', 'PERSON'],
        ['Hillary Clinton', 'PERSON'],
        ['Clinton', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Hillary Clinton',
      'Bill Clinton',
      'Bill Clinton',
      'Hillary Clinton',
      'Hillary Clinton',
    ]);
  });

  it('does not join a name that is not a whole-word part of the full name', () => {
    const text = 'John Smithson arrived. Smith left.';
    const out = canonicalize(
      mentionsIn(text, [
        ['John Smithson', 'PERSON'],
        ['Smith', 'PERSON'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['John Smithson', 'Smith']);
  });

  it('groups U N, U.N., UN and United Nations as one organisation', () => {
    const text = 'The United Nations voted. The U N said. A U.N. envoy and the UN staff.';
    const out = canonicalize(
      mentionsIn(text, [
        ['United Nations', 'ORGANIZATION'],
        ['U N', 'ORGANIZATION'],
        ['U.N.', 'ORGANIZATION'],
        ['UN', 'ORGANIZATION'],
      ]),
    );
    expect(new Set(out.map((m) => m.canonical))).toEqual(new Set(['United Nations']));
    expect(groupEntities(out)).toHaveLength(1);
  });

  it('expands a known acronym consistently when the full name is absent', () => {
    const a = canonicalize(mentionsIn('the U S said', [['U S', 'LOCATION']]));
    const b = canonicalize(mentionsIn('the U.S. said', [['U.S.', 'LOCATION']]));
    expect(a[0]!.canonical).toBe('United States');
    expect(b[0]!.canonical).toBe('United States');
  });

  it('joins an acronym to a full name in the document whose initials it spells', () => {
    const text = 'The Kremlin Defence Agency (KDA) said. KDA officials agreed.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Kremlin Defence Agency', 'ORGANIZATION'],
        ['KDA', 'ORGANIZATION'],
        ['KDA', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(Array(3).fill('Kremlin Defence Agency'));
  });

  it('prefers the mixed-case form over a headline in capitals and strips possessives', () => {
    const text = "MOSCOW talks. Moscow's view.";
    const out = canonicalize(
      mentionsIn(text, [
        ['MOSCOW', 'LOCATION'],
        ["Moscow's", 'LOCATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Moscow', 'Moscow']);
  });

  it('keeps the same name with different types apart', () => {
    const text = 'Washington said. In Washington it rained.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Washington', 'PERSON'],
        ['Washington', 'LOCATION'],
      ]),
    );
    expect(groupEntities(out).map((e) => e.type)).toEqual(['PERSON', 'LOCATION']);
  });
});

describe('canonicalize: names that start with spaced initials', () => {
  it('writes them dotted and groups them with the dotted form', () => {
    const text = 'the U N Security Council and the U.N. Security Council';
    const out = canonicalize(
      mentionsIn(text, [
        ['U N Security Council', 'ORGANIZATION'],
        ['U.N. Security Council', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['U.N. Security Council', 'U.N. Security Council']);
  });
});

describe('canonicalize: names seen only in capitals', () => {
  it('title-cases words but keeps short acronyms and words with digits', () => {
    const text = 'RUSSIAN FEDERATION SENDS TOR-M1 TO BBC WORLD';
    const out = canonicalize(
      mentionsIn(text, [
        ['RUSSIAN FEDERATION', 'LOCATION'],
        ['TOR-M1', 'MISC'],
        ['BBC WORLD', 'ORGANIZATION'],
      ]),
    );
    expect(out.map((m) => m.canonical)).toEqual(['Russian Federation', 'TOR-M1', 'BBC World']);
  });
});

describe('canonicalize: people named with titles, honorifics and surnames', () => {
  const person = (surfaces: string[]) => surfaces.map((s): [string, EntityType] => [s, 'PERSON']);

  it('links a title, an honorific and a bare surname to the full name, and keeps the title as the role', () => {
    const text =
      'Ambassador Ilse Varga landed in Quito. Ambassador Varga met reporters, and Ms. Varga said the talks went well. Later Varga left.';
    const out = canonicalize(mentionsIn(text, person(['Ilse Varga', 'Varga', 'Varga', 'Varga'])), text);
    expect(out.map((m) => m.canonical)).toEqual(Array(4).fill('Ilse Varga'));
    expect(out[0]!.role).toBe('Ambassador');
    expect(out[1]!.role).toBe('Ambassador');
    expect(out[2]!.role).toBeUndefined();
    const [varga] = groupEntities(out);
    expect(varga).toMatchObject({ name: 'Ilse Varga', mentions: 4, role: 'Ambassador' });
  });

  it('reads a title inside the mention the same way', () => {
    const text = 'Ilse Varga spoke first. Then Ambassador Varga answered questions.';
    const out = canonicalize(mentionsIn(text, person(['Ilse Varga', 'Ambassador Varga'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Ilse Varga', 'Ilse Varga']);
    expect(out[1]!.role).toBe('Ambassador');
  });

  it('takes multi-word titles and positions as roles, before or beside the name', () => {
    const text =
      'Vice President Tobias Wren spoke. Sen. Dana Pike agreed. Harlow Corp CEO Mina Osei did not. Secretary of State Lena Ruiz left. Omar Haddad, the port authority chairman, said nothing.';
    const out = canonicalize(
      mentionsIn(text, person(['Tobias Wren', 'Dana Pike', 'Mina Osei', 'Lena Ruiz', 'Omar Haddad'])),
      text,
    );
    expect(out.map((m) => m.role)).toEqual([
      'Vice President',
      'Sen.',
      'CEO',
      'Secretary of State',
      'port authority chairman',
    ]);
  });

  it('joins a surname with particles to the full name it ends (`Van Der Berg`)', () => {
    const text =
      'Jan Van Der Berg chairs the board. Van Der Berg said the vote was close. Mr. Van Der Berg left.';
    const out = canonicalize(
      mentionsIn(text, person(['Jan Van Der Berg', 'Van Der Berg', 'Van Der Berg'])),
      text,
    );
    expect(out.map((m) => m.canonical)).toEqual(Array(3).fill('Jan Van Der Berg'));
  });

  it('links transliteration variants of a name', () => {
    const text = 'Bohdan Ostapenkyy met envoys. Ostapenkiy said no. Later Ostapenky said yes.';
    const out = canonicalize(
      mentionsIn(text, person(['Bohdan Ostapenkyy', 'Ostapenkiy', 'Ostapenky'])),
      text,
    );
    expect(out.map((m) => m.canonical)).toEqual(Array(3).fill('Bohdan Ostapenkyy'));
  });

  it('links a full name written with and without a middle initial, not different middle initials', () => {
    const text = 'Dale R. Finch spoke. Dale Finch left. Harold J. K. Penn and Harold K. Penn both came.';
    const out = canonicalize(
      mentionsIn(text, person(['Dale R. Finch', 'Dale Finch', 'Harold J. K. Penn', 'Harold K. Penn'])),
      text,
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Dale R. Finch',
      'Dale R. Finch',
      'Harold J. K. Penn',
      'Harold K. Penn',
    ]);
  });
});

describe('canonicalize: two people who share a surname', () => {
  const person = (surfaces: string[]) => surfaces.map((s): [string, EntityType] => [s, 'PERSON']);

  it('sends a titled surname to the person holding that title', () => {
    const text = 'Senator Ada Quill met Judge Rufus Quill. Sen. Quill spoke first; Judge Quill replied.';
    const out = canonicalize(mentionsIn(text, person(['Ada Quill', 'Rufus Quill', 'Quill', 'Quill'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Ada Quill', 'Rufus Quill', 'Ada Quill', 'Rufus Quill']);
  });

  it('sends an honorific surname to the person of that gender', () => {
    const text = 'Ada Quill and Rufus Quill arrived. Mr. Quill spoke, then Mrs. Quill did.';
    const out = canonicalize(mentionsIn(text, person(['Ada Quill', 'Rufus Quill', 'Quill', 'Quill'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Ada Quill', 'Rufus Quill', 'Rufus Quill', 'Ada Quill']);
  });

  it('keeps a father and the son the text introduces as his son apart', () => {
    const text =
      'Vice President Tobias Wren arrived with his son Felix Wren. Wren told reporters the trip was private.';
    const out = canonicalize(mentionsIn(text, person(['Tobias Wren', 'Felix Wren', 'Wren'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Tobias Wren', 'Felix Wren', 'Tobias Wren']);
  });

  it('does not merge a titled surname into the relative the text names in full', () => {
    const text =
      "Vice President Wren praised the deal. His son, Felix Wren, sits on its board. Wren's son declined to comment, and Wren left.";
    const out = canonicalize(mentionsIn(text, person(['Wren', 'Felix Wren', 'Wren', 'Wren'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Wren', 'Felix Wren', 'Wren', 'Wren']);
    const entities = groupEntities(out);
    expect(entities.map((e) => [e.name, e.mentions, e.role])).toEqual([
      ['Wren', 3, 'Vice President'],
      ['Felix Wren', 1, undefined],
    ]);
  });

  it('keeps a father and his son apart by their generational suffix', () => {
    const text = 'Tobias Wren Jr. and Tobias Wren spoke. Wren Jr. said more.';
    const out = canonicalize(mentionsIn(text, person(['Tobias Wren Jr.', 'Tobias Wren', 'Wren Jr.'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Tobias Wren Jr.', 'Tobias Wren', 'Tobias Wren Jr.']);
  });
});

describe('canonicalize: titles that are part of how a person is known', () => {
  const person = (surfaces: string[]) => surfaces.map((s): [string, EntityType] => [s, 'PERSON']);

  it('keeps a sovereign or pope by title and given name, with the title as role', () => {
    const text = 'Queen Ottilie opened the bridge. Later Ottilie thanked the crowd.';
    const out = canonicalize(mentionsIn(text, person(['Ottilie', 'Ottilie'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Queen Ottilie', 'Queen Ottilie']);
    expect(out[0]!.role).toBe('Queen');
  });

  it('reads a first name that is also a title as the first name', () => {
    const text = 'Dean Ortiz ran the clinic. Ortiz said it would stay open.';
    const out = canonicalize(mentionsIn(text, person(['Dean Ortiz', 'Ortiz'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Dean Ortiz', 'Dean Ortiz']);
    expect(out[0]!.role).toBeUndefined();
  });

  it('keeps people apart whose middle initials differ, even written without spaces', () => {
    const text = 'Anna H.W. Berg met Anna W. Berg.';
    const out = canonicalize(mentionsIn(text, person(['Anna H.W. Berg', 'Anna W. Berg'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Anna H.W. Berg', 'Anna W. Berg']);
  });
});

describe('canonicalize: what kinship and titles say', () => {
  const person = (surfaces: string[]) => surfaces.map((s): [string, EntityType] => [s, 'PERSON']);

  it('reads the gender a kinship noun gives (`her husband, Tariq Osei`)', () => {
    const text = 'The mayor phoned Adaeze Osei. Her husband, Tariq Osei, was released. Mr. Osei thanked her.';
    const out = canonicalize(mentionsIn(text, person(['Adaeze Osei', 'Tariq Osei', 'Osei'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Adaeze Osei', 'Tariq Osei', 'Tariq Osei']);
  });

  it('reads a lower-case title after an article as a description, not a role', () => {
    const text = 'Rowena Blix criticised the federal judge Blix had sued.';
    const out = canonicalize(mentionsIn(text, person(['Rowena Blix', 'Blix'])), text);
    expect(out[1]!.role).toBeUndefined();
    expect(out[1]!.canonical).toBe('Rowena Blix');
  });

  it('keeps a title that none of several people of the name holds apart from all of them', () => {
    const text = 'Ines Marr and her son, Tobin Marr, spoke. Later Admiral Marr declined to comment.';
    const out = canonicalize(mentionsIn(text, person(['Ines Marr', 'Tobin Marr', 'Marr'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Ines Marr', 'Tobin Marr', 'Marr']);
    expect(out[2]!.role).toBe('Admiral');
  });
});

describe('canonicalize: a titled person the recogniser typed as an organisation', () => {
  it('is the person the document names, and only then', () => {
    const text = 'Envoy Halvard Mikkelsen arrived. Ambassador Mikkelsen spoke. General Motors did not.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Halvard Mikkelsen', 'PERSON'],
        ['Ambassador Mikkelsen', 'ORGANIZATION'],
        ['General Motors', 'ORGANIZATION'],
      ]),
      text,
    );
    expect(out.map((m) => [m.type, m.canonical, m.role])).toEqual([
      ['PERSON', 'Halvard Mikkelsen', 'Envoy'],
      ['PERSON', 'Halvard Mikkelsen', 'Ambassador'],
      ['ORGANIZATION', 'General Motors', undefined],
    ]);
  });
});

describe('canonicalize: titles are no part of a name and never make an organisation', () => {
  it('takes the title off a person mention and keeps it as the role', () => {
    const text = 'Ambassador Varga met Mr. Okafor before Sen. Dana Pike arrived.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Ambassador Varga', 'PERSON'],
        ['Mr. Okafor', 'PERSON'],
        ['Sen. Dana Pike', 'PERSON'],
      ]),
      text,
    );
    expect(out.map((m) => [m.type, m.text, text.slice(m.start, m.end), m.role])).toEqual([
      ['PERSON', 'Varga', 'Varga', 'Ambassador'],
      ['PERSON', 'Okafor', 'Okafor', undefined],
      ['PERSON', 'Dana Pike', 'Dana Pike', 'Sen.'],
    ]);
  });

  it('reads a title and a name typed as an organisation as that person', () => {
    const text = 'Ambassador Ilse Varga and Gov. Brook spoke; Harbor Board CEO Tomas Reyle did not.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Ambassador Ilse Varga', 'ORGANIZATION'],
        ['Gov. Brook', 'ORGANIZATION'],
        ['Harbor Board', 'ORGANIZATION'],
        ['CEO Tomas Reyle', 'MISC'],
      ]),
      text,
    );
    expect(out.map((m) => [m.type, m.text, m.role])).toEqual([
      ['PERSON', 'Ilse Varga', 'Ambassador'],
      ['PERSON', 'Brook', 'Gov.'],
      ['ORGANIZATION', 'Harbor Board', undefined],
      ['PERSON', 'Tomas Reyle', 'CEO'],
    ]);
  });

  it('keeps organisations whose names open with a title word', () => {
    const text = 'General Motors, Major League Baseball and Chief Dynamics Ltd signed; General Vale did not.';
    const out = canonicalize(
      mentionsIn(text, [
        ['General Motors', 'ORGANIZATION'],
        ['Major League Baseball', 'ORGANIZATION'],
        ['Chief Dynamics Ltd', 'ORGANIZATION'],
        ['General Vale', 'ORGANIZATION'],
      ]),
      text,
    );
    expect(out.map((m) => [m.type, m.text])).toEqual([
      ['ORGANIZATION', 'General Motors'],
      ['ORGANIZATION', 'Major League Baseball'],
      ['ORGANIZATION', 'Chief Dynamics Ltd'],
      // An ambiguous title before an unknown single name: no evidence either way, left as typed.
      ['ORGANIZATION', 'General Vale'],
    ]);
  });

  it('drops a title standing alone as an organisation or MISC mention', () => {
    const text = 'The CEO and the Vice President met at Harbor Board.';
    const out = canonicalize(
      mentionsIn(text, [
        ['CEO', 'MISC'],
        ['Vice President', 'ORGANIZATION'],
        ['Harbor Board', 'ORGANIZATION'],
      ]),
      text,
    );
    expect(out.map((m) => m.text)).toEqual(['Harbor Board']);
  });

  it('keeps a one-word stage name that opens with an honorific whole', () => {
    const text = 'Lady Nimbus sang first.';
    const out = canonicalize(mentionsIn(text, [['Lady Nimbus', 'PERSON']]), text);
    expect(out[0]!.text).toBe('Lady Nimbus');
  });
});

describe('canonicalize: a title right before a name typed as a place or an organisation', () => {
  it('makes the name a person with that role', () => {
    const text = 'Dr. Ellen Varn testified, and Defense Secretary Oduya met Gov. Brask in Lorne.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Ellen Varn', 'LOCATION'],
        ['Oduya', 'ORGANIZATION'],
        ['Brask', 'MISC'],
        ['Lorne', 'LOCATION'],
      ]),
      text,
    );
    expect(out.map((m) => [m.type, m.text, m.role])).toEqual([
      ['PERSON', 'Ellen Varn', 'Dr.'],
      ['PERSON', 'Oduya', 'Defense Secretary'],
      ['PERSON', 'Brask', 'Gov.'],
      ['LOCATION', 'Lorne', undefined],
    ]);
  });

  it('leaves organisation names and ambiguous titles before unknown names as typed', () => {
    const text = 'The Chairman Harbor Board met, and General Vale Motors and Chief Orlin joined.';
    const out = canonicalize(
      mentionsIn(text, [
        ['Harbor Board', 'ORGANIZATION'],
        ['Vale Motors', 'ORGANIZATION'],
        ['Orlin', 'ORGANIZATION'],
      ]),
      text,
    );
    expect(out.map((m) => m.type)).toEqual(['ORGANIZATION', 'ORGANIZATION', 'ORGANIZATION']);
  });
});

describe('canonicalize: a relative of the same surname and spelling variants', () => {
  const person = (surfaces: string[]) => surfaces.map((s): [string, EntityType] => [s, 'PERSON']);

  it('keeps a surname introduced as a relative (`Mr. Smithson, her husband,`) apart from the person named', () => {
    const text = 'Kerrin Smithson opened the bakery. Mr. Smithson, her husband, baked the bread.';
    const out = canonicalize(mentionsIn(text, person(['Kerrin Smithson', 'Smithson'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Kerrin Smithson', 'Smithson']);
    const before = 'Kerrin Pell opened the bakery. Her husband Pell baked the bread.';
    expect(
      canonicalize(mentionsIn(before, person(['Kerrin Pell', 'Pell'])), before).map((m) => m.canonical),
    ).toEqual(['Kerrin Pell', 'Pell']);
  });

  it('still joins the same surname without kinship, and a relative to the relative named in full', () => {
    const plain = 'Kerrin Smithson opened the bakery. Mr. Smithson baked the bread.';
    expect(
      canonicalize(mentionsIn(plain, person(['Kerrin Smithson', 'Smithson'])), plain).map((m) => m.canonical),
    ).toEqual(['Kerrin Smithson', 'Kerrin Smithson']);
    const text =
      'Kerrin Smithson opened the bakery with her husband, Dov Smithson. Mr. Smithson, her husband, baked.';
    const out = canonicalize(mentionsIn(text, person(['Kerrin Smithson', 'Dov Smithson', 'Smithson'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Kerrin Smithson', 'Dov Smithson', 'Dov Smithson']);
  });

  it('links a one-letter spelling variant of a long surname to the full name', () => {
    const text = 'Marta Kowalczyk spoke first. Later Kowalczik added a note.';
    const out = canonicalize(mentionsIn(text, person(['Marta Kowalczyk', 'Kowalczik'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Marta Kowalczyk', 'Marta Kowalczyk']);
  });

  it('links a `-skiy` spelling to the `-sky` full name', () => {
    const text = 'Pavlo Andrievsky spoke first. Later Andrievskiy added a note.';
    const out = canonicalize(mentionsIn(text, person(['Pavlo Andrievsky', 'Andrievskiy'])), text);
    expect(out.map((m) => m.canonical)).toEqual(['Pavlo Andrievsky', 'Pavlo Andrievsky']);
  });

  it('links no variant that two people could own, nor a short surname', () => {
    const text =
      'Marta Kowalczyk and Jan Kowalczik spoke. Later Kowalczak added a note. Ida Hanson and Hansen left.';
    const out = canonicalize(
      mentionsIn(text, person(['Marta Kowalczyk', 'Jan Kowalczik', 'Kowalczak', 'Ida Hanson', 'Hansen'])),
      text,
    );
    expect(out.map((m) => m.canonical)).toEqual([
      'Marta Kowalczyk',
      'Jan Kowalczik',
      'Kowalczak',
      'Ida Hanson',
      'Hansen',
    ]);
  });
});
