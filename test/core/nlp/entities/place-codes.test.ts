import { describe, expect, it } from 'vitest';
import { placeCodes } from '../../../../functions/core/nlp/entities/place-codes.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

function at(text: string, name: string, type: Named, from = 0) {
  const start = text.indexOf(name, from);
  return { type, text: name, start, end: start + name.length };
}

const pairs = (text: string, ms: readonly { type: string; start: number; end: number }[]) =>
  ms.map((m) => [m.type, text.slice(m.start, m.end)]);

describe('state codes after a place', () => {
  it('retypes a code after a place and a comma, and adds one the model left out', () => {
    const text = 'June 9 -- Kestrel Arena, Tallow, WX June 10 -- Orr Hall, Lakeport, N.M. June 12';
    const given = [
      at(text, 'Kestrel Arena', 'LOCATION'),
      at(text, 'Tallow', 'LOCATION'),
      at(text, 'WX', 'ORGANIZATION'),
      at(text, 'Orr Hall', 'LOCATION'),
      at(text, 'Lakeport', 'LOCATION'),
    ];
    expect(pairs(text, placeCodes(text, given))).toEqual([
      ['LOCATION', 'Kestrel Arena'],
      ['LOCATION', 'Tallow'],
      ['LOCATION', 'WX'],
      ['LOCATION', 'Orr Hall'],
      ['LOCATION', 'Lakeport'],
      ['LOCATION', 'N.M.'],
    ]);
  });

  it('needs a place right before the comma and a code of two capitals standing alone', () => {
    const text = 'Ada Brook, CEO of Orr, spoke in Tallow, WXYZ and Marlow, Wx today.';
    const given = [
      at(text, 'Ada Brook', 'PERSON'),
      at(text, 'Tallow', 'LOCATION'),
      at(text, 'Marlow', 'LOCATION'),
    ];
    expect(pairs(text, placeCodes(text, given))).toEqual(pairs(text, given));
  });
});
