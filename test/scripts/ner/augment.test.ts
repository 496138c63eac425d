import { describe, expect, it } from 'vitest';
import { dotlessAbbreviations, dotlessCopies } from '../../../scripts/ner/augment.ts';
import { teamNickname } from '../../../scripts/ner/gazetteer.ts';

describe('dotlessAbbreviations', () => {
  const doc = (tokens: string[], tags: string[]) => ({ sentences: [{ tokens, tags }] });
  const docs = [
    doc(
      ['U.S.', 'envoy', 'met', 'U.N.', 'staff', 'in', 'Port', 'Vell', '.'],
      ['B-LOC', 'O', 'O', 'B-ORG', 'O', 'O', 'B-LOC', 'I-LOC', 'O'],
    ),
    doc(['The', 'U.A.E.', 'and', 'Mr.', 'Orr', 'agreed', '.'], ['O', 'B-LOC', 'O', 'O', 'B-PER', 'O', 'O']),
  ];

  it('writes dotted abbreviations without periods in every n-th document, tags unchanged', () => {
    const out = dotlessAbbreviations(docs, 2);
    expect(out[0]!.sentences[0]!.tokens).toEqual([
      'US',
      'envoy',
      'met',
      'UN',
      'staff',
      'in',
      'Port',
      'Vell',
      '.',
    ]);
    expect(out[0]!.sentences[0]!.tags).toEqual(docs[0]!.sentences[0]!.tags);
    expect(out[1]).toBe(docs[1]);
  });

  it('leaves titles, initials and other periods alone', () => {
    const out = dotlessAbbreviations(docs, 1);
    expect(out[1]!.sentences[0]!.tokens).toEqual(['The', 'UAE', 'and', 'Mr.', 'Orr', 'agreed', '.']);
    expect(
      dotlessAbbreviations([doc(['J.', 'Orr', 'Corp.'], ['B-PER', 'I-PER', 'O'])], 1)[0]!.sentences[0]!
        .tokens,
    ).toEqual(['J.', 'Orr', 'Corp.']);
  });
});

describe('dotlessCopies', () => {
  it('adds, after the documents, a dotless copy of the sentences that hold a dotted abbreviation', () => {
    const docs = [
      {
        sentences: [
          { tokens: ['Rain', 'fell', '.'], tags: ['O', 'O', 'O'] },
          { tokens: ['The', 'U.K.', 'team', 'won', '.'], tags: ['O', 'B-LOC', 'O', 'O', 'O'] },
        ],
      },
      { sentences: [{ tokens: ['Ana', 'Orr', 'left', '.'], tags: ['B-PER', 'I-PER', 'O', 'O'] }] },
    ];
    const out = dotlessCopies(docs, 1);
    expect(out.slice(0, 2)).toEqual(docs);
    expect(out).toHaveLength(3);
    expect(out[2]!.sentences).toEqual([
      { tokens: ['The', 'UK', 'team', 'won', '.'], tags: ['O', 'B-LOC', 'O', 'O', 'O'] },
    ]);
    expect(docs[0]!.sentences[1]!.tokens[1]).toBe('U.K.');
  });
});

describe('teamNickname', () => {
  const places = new Set(['lakeport', 'port vell', 'marlow']);
  const isPlace = (p: string) => places.has(p);

  it('is the plural last word of a team named after a place', () => {
    expect(teamNickname('lakeport herons', isPlace)).toBe('herons');
    expect(teamNickname('port vell night owls', isPlace)).toBe('owls');
  });

  it('is none for club names, single words and teams not named after a place', () => {
    expect(teamNickname('marlow city', isPlace)).toBeNull();
    expect(teamNickname('herons', isPlace)).toBeNull();
    expect(teamNickname('golden herons', isPlace)).toBeNull();
  });
});
