import { describe, expect, it } from 'vitest';
import { findNumeric } from '#core/nlp/entities/numeric.ts';

const found = (s: string) => findNumeric(s).map((m) => [m.type, m.text]);

describe('findNumeric', () => {
  it('finds money in symbols and words', () => {
    expect(found('the $1 billion deal and 300 million euros')).toEqual([
      ['MONEY', '$1 billion'],
      ['MONEY', '300 million euros'],
    ]);
  });

  it('reads every scale word, currency prefix and month form the patterns list', () => {
    expect(
      found('paid 40 Swiss francs, 2bn dollars, 7 k euros, 12 mln yen and 5 U.S. dollars in mid-April 2024'),
    ).toEqual([
      ['MONEY', '40 Swiss francs'],
      ['MONEY', '2bn dollars'],
      ['MONEY', '7 k euros'],
      ['MONEY', '12 mln yen'],
      ['MONEY', '5 U.S. dollars'],
      ['DATE', 'mid-April'],
    ]);
    expect(found('on 4th Sept. 2019, next winter and late-June; 9 Marks, 3 Dollars')).toEqual([
      ['DATE', '4th Sept. 2019'],
      ['DATE', 'next winter'],
      ['DATE', 'late-June'],
    ]);
  });

  it('finds percentages', () => {
    expect(found('up 5.5 percent, or 3%')).toEqual([
      ['PERCENT', '5.5 percent'],
      ['PERCENT', '3%'],
    ]);
  });

  it('finds dates', () => {
    expect(found('On Monday, March 3, 2007 and 1996-08-22, since 1990; last year, yesterday')).toEqual([
      ['DATE', 'Monday'],
      ['DATE', 'March 3, 2007'],
      ['DATE', '1996-08-22'],
      ['DATE', '1990'],
      ['DATE', 'last year'],
      ['DATE', 'yesterday'],
    ]);
  });

  it('keeps exact offsets', () => {
    const s = 'Prices rose 4% to $12.50 on 12 May 2006.';
    for (const m of findNumeric(s)) expect(s.slice(m.start, m.end)).toBe(m.text);
  });
});
