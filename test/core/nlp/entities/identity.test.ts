import { describe, expect, it } from 'vitest';
import {
  articleIdentities,
  foldVariant,
  identityKey,
  lookupKeys,
  personKey,
  plainKey,
  surnameKeys,
} from '#core/nlp/entities/identity.ts';
import type { Entity, EntityMention, Quote } from '#core/types.ts';

describe('identity keys', () => {
  it('gives one key to a full name written with or without middle initials, honorifics or degrees', () => {
    const key = personKey('Marta Kowalczyk');
    expect(key).toBe('marta kowalczyk');
    for (const v of ['Marta B. Kowalczyk', 'Dr. Marta Kowalczyk', 'Marta Kowalczyk, PhD', 'MARTA  KOWALCZYK'])
      expect(personKey(v), v).toBe(key);
    expect(personKey('Gov. Ray P. Q. Delgado')).toBe('ray delgado');
  });

  it('folds diacritics and special letters', () => {
    expect(personKey('Søren Łukasiewicz-Núñez')).toBe('soren lukasiewicz-nunez');
    expect(personKey('Soren Lukasiewicz-Nunez')).toBe('soren lukasiewicz-nunez');
  });

  it('keeps generational suffixes apart, in one spelling: a father and his son are two people', () => {
    expect(personKey('Tobias Wren Jr.')).toBe('tobias wren jr');
    expect(personKey('Tobias Wren, Junior')).toBe('tobias wren jr');
    expect(personKey('Tobias Wren Sr.')).toBe('tobias wren sr');
    expect(personKey('Tobias Wren')).not.toBe(personKey('Tobias Wren Jr.'));
  });

  it('folds the endings of transliterated names', () => {
    for (const v of ['Ostapenkiy', 'Ostapenkyy', 'Ostapenkyi', 'Ostapenky', 'Ostapenkij'])
      expect(foldVariant(v.toLowerCase()), v).toBe('ostapenky');
    expect(foldVariant('kuznetsoff')).toBe('kuznetsov');
    expect(foldVariant('li')).toBe('li');
    expect(personKey('Bohdan Ostapenkiy')).toBe(personKey('Bohdan Ostapenkyy'));
  });

  it('keeps leading initials as the first name', () => {
    expect(personKey('R.J. Pellworth')).toBe('rj pellworth');
    expect(personKey('R. J. Pellworth')).toBe('rj pellworth');
  });

  it('reads organisations and places plainly: dots, case and a leading "the" ignored', () => {
    expect(plainKey('The Harbor Street Merchants Association')).toBe('harbor street merchants association');
    expect(plainKey('U.N.')).toBe('un');
    expect(plainKey('U N')).toBe('un');
    expect(identityKey('General Motors', 'ORGANIZATION')).toBe('general motors');
    expect(identityKey('Mr. Kowalczyk', 'PERSON')).toBe('kowalczyk');
  });

  it('finds surnames, with their particles, never a suffix', () => {
    expect(surnameKeys('jan van der berg')).toEqual(['van der berg', 'berg']);
    expect(surnameKeys('tobias wren jr')).toEqual(['wren']);
    expect(surnameKeys('wren')).toEqual([]);
  });

  it('tries a query plainly first, then as a person', () => {
    expect(lookupKeys('General Motors')[0]).toBe('general motors');
    expect(lookupKeys('Mayor Kowalczyk')).toEqual(['mayor kowalczyk', 'kowalczyk']);
    expect(lookupKeys('Marta B. Kowalczyk')).toEqual(['marta b kowalczyk', 'marta kowalczyk']);
  });
});

describe('articleIdentities', () => {
  const text =
    'Mayor Marta B. Kowalczyk spoke. "We will build it," said Kowalczyk. The Tidewater Port Authority agreed. "Fine," she said. "No," said a dock worker.';
  const at = (s: string, from = 0) => text.indexOf(s, from);
  const mention = (s: string, type: EntityMention['type'], canonical: string, from = 0): EntityMention => ({
    type,
    text: s,
    start: at(s, from),
    end: at(s, from) + s.length,
    canonical,
  });
  const mentions = [
    mention('Marta B. Kowalczyk', 'PERSON', 'Marta B. Kowalczyk'),
    mention('Kowalczyk', 'PERSON', 'Marta B. Kowalczyk', at('said Kowalczyk')),
    mention('Tidewater Port Authority', 'ORGANIZATION', 'Tidewater Port Authority'),
  ];
  const entities: Entity[] = [
    { name: 'Marta B. Kowalczyk', type: 'PERSON', mentions: 2, spans: [], role: 'Mayor' },
    { name: 'Tidewater Port Authority', type: 'ORGANIZATION', mentions: 1, spans: [] },
  ];
  const quote = (q: string, speaker: Quote['speaker']): Quote => ({
    type: 'direct',
    text: q,
    start: at(q),
    end: at(q) + q.length,
    cue: null,
    speaker,
  });
  const span = (s: string, from = 0) => ({ text: s, start: at(s, from), end: at(s, from) + s.length });
  const quotes = [
    quote('We will build it,', {
      name: 'Marta B. Kowalczyk',
      mention: span('Kowalczyk', at('said Kowalczyk')),
      type: 'PERSON',
    }),
    quote('Fine,', { name: 'Marta B. Kowalczyk', mention: span('she'), type: 'PERSON' }),
    quote('No,', { name: 'dock worker', mention: span('a dock worker') }),
  ];
  const ids = articleIdentities(mentions, entities, quotes);

  it('gives the person one identity with her aliases and lookup keys', () => {
    const marta = ids.ofEntity[0]!;
    expect(marta.key).toBe('marta kowalczyk');
    expect(marta.aliases).toEqual(['Marta B. Kowalczyk', 'Kowalczyk']);
    expect(marta.lookupKeys).toEqual(['marta kowalczyk', 'kowalczyk']);
    expect(marta.role).toBe('Mayor');
    expect(marta.quotes).toBe(2);
    expect(marta.types).toEqual(['PERSON']);
  });

  it('credits a speaker by the entity of her mention, or by her name for a pronoun', () => {
    expect(ids.ofQuote[0]).toBe(ids.ofEntity[0]);
    expect(ids.ofQuote[1]).toBe(ids.ofEntity[0]);
  });

  it('gives a speaker who is no entity an identity of its own, without types', () => {
    const worker = ids.ofQuote[2]!;
    expect(worker.key).toBe('dock worker');
    expect(worker.types).toEqual([]);
    expect(worker.quotes).toBe(1);
    expect(ids.records.map((r) => r.key)).toEqual([
      'marta kowalczyk',
      'tidewater port authority',
      'dock worker',
    ]);
  });
});

describe('articleIdentities, a speaker phrase around an entity', () => {
  it('is an identity of its own, not the entity it contains', () => {
    const text = 'The Tidewater port board said no.';
    const mentions: EntityMention[] = [
      { type: 'LOCATION', text: 'Tidewater', start: 4, end: 13, canonical: 'Tidewater' },
    ];
    const entities: Entity[] = [{ name: 'Tidewater', type: 'LOCATION', mentions: 1, spans: [] }];
    const quotes: Quote[] = [
      {
        type: 'indirect',
        text: 'no',
        start: text.indexOf('no'),
        end: text.indexOf('no') + 2,
        cue: null,
        speaker: {
          name: 'The Tidewater port board',
          mention: { text: 'The Tidewater port board', start: 0, end: 24 },
        },
      },
    ];
    const ids = articleIdentities(mentions, entities, quotes);
    expect(ids.ofQuote[0]!.key).toBe('tidewater port board');
    expect(ids.ofEntity[0]!.quotes).toBe(0);
  });
});

describe('articleIdentities, a speaker mention with a title around the entity mention', () => {
  it('is the entity', () => {
    const text = 'Oda Brandt arrived. "Yes," Ambassador Brandt said.';
    const at = text.indexOf('Brandt said');
    const mentions: EntityMention[] = [
      { type: 'PERSON', text: 'Oda Brandt', start: 0, end: 10, canonical: 'Oda Brandt' },
      { type: 'PERSON', text: 'Brandt', start: at, end: at + 6, canonical: 'Oda Brandt' },
    ];
    const entities: Entity[] = [{ name: 'Oda Brandt', type: 'PERSON', mentions: 2, spans: [] }];
    const m = text.indexOf('Ambassador');
    const quotes: Quote[] = [
      {
        type: 'direct',
        text: '"Yes,"',
        start: text.indexOf('"'),
        end: text.indexOf('"') + 6,
        cue: null,
        speaker: {
          name: 'Ambassador Brandt',
          type: 'PERSON',
          mention: { text: 'Ambassador Brandt', start: m, end: at + 6 },
        },
      },
    ];
    const ids = articleIdentities(mentions, entities, quotes);
    expect(ids.ofQuote[0]!.key).toBe('oda brandt');
    expect(ids.records).toHaveLength(1);
  });
});
