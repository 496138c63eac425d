import { describe, expect, it } from 'vitest';
import { placeAcronyms } from '../../../../functions/core/nlp/entities/place-acronyms.ts';

const as = (text: string, type: 'ORGANIZATION' | 'MISC' | 'PERSON' = 'ORGANIZATION') => ({
  type,
  text,
  start: 0,
  end: text.length,
});

describe('acronyms of places', () => {
  it('types a country acronym LOCATION, with or without dots', () => {
    const out = placeAcronyms([as('US'), as('U.S.'), as('UK', 'MISC'), as('UAE')]);
    expect(out.map((m) => m.type)).toEqual(['LOCATION', 'LOCATION', 'LOCATION', 'LOCATION']);
  });

  it('leaves organisation acronyms, hyphenated words, people and unknown letters alone', () => {
    const given = [as('UN'), as('NATO'), as('US-Westmark', 'MISC'), as('US', 'PERSON'), as('QXV')];
    expect(placeAcronyms(given).map((m) => m.type)).toEqual([
      'ORGANIZATION',
      'ORGANIZATION',
      'MISC',
      'PERSON',
      'ORGANIZATION',
    ]);
  });

  it('does nothing without a gazetteer', () => {
    expect(placeAcronyms([as('US')], null)[0]?.type).toBe('ORGANIZATION');
  });
});
