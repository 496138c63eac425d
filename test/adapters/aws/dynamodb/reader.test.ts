import { describe, expect, it } from 'vitest';
import { aggregate, type IdentityMatch, resolveMatches } from '#adapters/aws/dynamodb/reader.ts';

const match = (identity: string, types: string[] = ['PERSON'], quotes = 1): IdentityMatch => ({
  identity,
  name: identity,
  names: [],
  types,
  quotes,
  articles: 1,
  mentions: 1,
});

describe('resolveMatches', () => {
  it('resolves a surname shared by one person only, with the articles that gave only the surname', () => {
    expect(resolveMatches('halvorsen', [match('ingrid halvorsen'), match('halvorsen')])).toEqual([
      'ingrid halvorsen',
      'halvorsen',
    ]);
  });

  it('leaves a surname of two people ambiguous', () => {
    expect(resolveMatches('halvorsen', [match('ingrid halvorsen'), match('per halvorsen')])).toEqual([]);
  });

  it('resolves an exact full name even when another name contains it', () => {
    expect(resolveMatches('per halvorsen', [match('per halvorsen jr'), match('per halvorsen')])).toEqual([
      'per halvorsen',
    ]);
  });

  it('does not join a place to a person who shares its name', () => {
    expect(
      resolveMatches('halvorsen', [match('ingrid halvorsen'), match('halvorsen', ['LOCATION'])]),
    ).toEqual([]);
  });

  it('resolves a single match', () => {
    expect(resolveMatches('tidewater', [match('tidewater port authority', ['ORGANIZATION'])])).toEqual([
      'tidewater port authority',
    ]);
  });
});

describe('aggregate', () => {
  it('sums quotes per identity, counts distinct articles and keeps the most frequent name first', () => {
    const item = (pk: string, n: number, identity: string, name: string, quotes: number) => ({
      pk,
      articleIndex: n,
      identity,
      name,
      quotes,
      mentions: quotes + 1,
      types: ['PERSON'],
    });
    const out = aggregate(
      [
        item('OBJ#a', 0, 'ingrid halvorsen', 'Ingrid Halvorsen', 2),
        item('OBJ#b', 0, 'ingrid halvorsen', 'Ingrid M. Halvorsen', 1),
        item('OBJ#c', 0, 'ingrid halvorsen', 'Ingrid Halvorsen', 4),
        item('OBJ#c', 1, 'per halvorsen', 'Per Halvorsen', 1),
      ],
      true,
    );
    expect(out.map((m) => [m.name, m.quotes, m.articles])).toEqual([
      ['Ingrid Halvorsen', 7, 3],
      ['Per Halvorsen', 1, 1],
    ]);
    expect(out[0]!.names).toEqual(['Ingrid M. Halvorsen']);
  });
});
