import { describe, expect, it } from 'vitest';
import { peopleByName } from '../../../../functions/core/nlp/entities/person-names.ts';

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
