import { describe, expect, it } from 'vitest';
import { joinParticles, takeInnerThe } from '../../../../functions/core/nlp/entities/spans.ts';

type Named = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';

function at(text: string, name: string, type: Named, from = 0) {
  const start = text.indexOf(name, from);
  return { type, text: name, start, end: start + name.length };
}

const pairs = (text: string, ms: readonly { type: string; start: number; end: number }[]) =>
  ms.map((m) => [m.type, text.slice(m.start, m.end)]);

describe('name particles', () => {
  it('joins a name cut at its particle, and takes a particle before a surname', () => {
    const text = 'Her brother, Fritz Ada von Brisk, was hurt. The talk was led by von Brisk at the clinic.';
    const given = [
      at(text, 'Fritz Ada', 'PERSON'),
      at(text, 'Brisk', 'PERSON'),
      at(text, 'Brisk', 'PERSON', 40),
    ];
    expect(pairs(text, joinParticles(text, given))).toEqual([
      ['PERSON', 'Fritz Ada von Brisk'],
      ['PERSON', 'von Brisk'],
    ]);
  });

  it('leaves other words and other types alone', () => {
    const text = 'Ada Brook and Tom Orr met in the Lakeport office with Vell de Kestrel.';
    const given = [
      at(text, 'Ada Brook', 'PERSON'),
      at(text, 'Tom Orr', 'PERSON'),
      at(text, 'Lakeport', 'LOCATION'),
      at(text, 'Vell', 'LOCATION'),
      at(text, 'Kestrel', 'ORGANIZATION'),
    ];
    expect(pairs(text, joinParticles(text, given))).toEqual(pairs(text, given));
  });
});

describe('a capital "The" inside a sentence', () => {
  it('joins the name after a lower-case word or a possessive', () => {
    const text = 'The tour was teased by The Kestrels, with Lakeport’s The Orr Pavilion first.';
    const given = [at(text, 'Kestrels', 'ORGANIZATION'), at(text, 'Orr Pavilion', 'LOCATION')];
    expect(pairs(text, takeInnerThe(text, given))).toEqual([
      ['ORGANIZATION', 'The Kestrels'],
      ['LOCATION', 'The Orr Pavilion'],
    ]);
  });

  it('leaves a sentence-opening "The" and title-cased headlines alone', () => {
    const text = 'Rain fell. The Orr Agency said so. Poll Of The Westmark Voters';
    const given = [at(text, 'Orr Agency', 'ORGANIZATION'), at(text, 'Westmark', 'LOCATION')];
    expect(pairs(text, takeInnerThe(text, given))).toEqual(pairs(text, given));
  });
});
