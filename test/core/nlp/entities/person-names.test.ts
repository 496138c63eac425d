import { describe, expect, it } from 'vitest';
import { peopleByName, placesBeforeTitles } from '../../../../functions/core/nlp/entities/person-names.ts';
import { recognizeEntities } from '../../../../functions/core/nlp/entities/recognize.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

const m = (text: string, type: Named, start = 0) => ({ type, text, start, end: start + text.length });
const types = (ms: readonly { type: string }[]) => ms.map((x) => x.type);

describe('people named by their names are people', () => {
  it('retypes the full name and the surname of a person the document names', () => {
    const given = [
      m('Ada Quorrin', 'PERSON'),
      m('Quorrin', 'ORGANIZATION', 20),
      m('Ada Quorrin', 'LOCATION', 40),
    ];
    expect(types(peopleByName(given))).toEqual(['PERSON', 'PERSON', 'PERSON']);
  });

  it('retypes a known first name, a middle initial and a surname', () => {
    expect(types(peopleByName([m('Ryan T. Quorrin', 'ORGANIZATION'), m('Linda Vesk', 'MISC', 30)]))).toEqual([
      'PERSON',
      'PERSON',
    ]);
  });

  it('keeps organisations, streets, places and unknown first names', () => {
    const given = [
      m('Linda Vesk Foundation', 'ORGANIZATION'),
      m('Ryan Vesk Avenue', 'LOCATION', 30),
      m('Quorrin Vesk', 'ORGANIZATION', 60),
      m('Jordan', 'LOCATION', 80),
      m('Michael Jordan', 'PERSON', 100),
    ];
    expect(types(peopleByName(given))).toEqual([
      'ORGANIZATION',
      'LOCATION',
      'ORGANIZATION',
      'LOCATION',
      'PERSON',
    ]);
  });
});

describe('a place before a title inside a person mention', () => {
  it('splits the place off and leaves the title out of both', () => {
    const out = placesBeforeTitles([m('Ohio State Sen. Ada Quorrin', 'PERSON')]);
    expect(out.map((x) => [x.type, x.text, x.start])).toEqual([
      ['LOCATION', 'Ohio', 0],
      ['PERSON', 'Ada Quorrin', 16],
    ]);
  });

  it('keeps names that are not a listed place before a title, and ambiguous titles', () => {
    const given = [m('Quorrin Rep. Ada Vesk', 'PERSON'), m('Ohio General Ada Vesk', 'PERSON', 30)];
    expect(placesBeforeTitles(given)).toEqual(given);
  });

  it('gives the person the title as role, and reads an ombudsman as a title', () => {
    const text = 'Ohio Rep. Ada Quorrin spoke. Ombudsman Linda Vesk said the report was late.';
    const people = recognizeEntities(text).filter((e) => e.type === 'PERSON');
    expect(people.map((e) => [e.text, e.role])).toEqual([
      ['Ada Quorrin', 'Rep.'],
      ['Linda Vesk', 'Ombudsman'],
    ]);
  });
});
