import { describe, expect, it } from 'vitest';
import { decodeModel } from '#core/model/format.ts';
import type { ConllDocument } from '#core/nlp/entities/conll.ts';
import { recognizeNamed } from '#core/nlp/entities/recognize.ts';
import { trainModel } from '../../../scripts/ner/perceptron.ts';

const PEOPLE = [
  ['Anna', 'Kowalski'],
  ['Boris', 'Petrov'],
  ['Carla', 'Mendes'],
  ['David', 'Okafor'],
  ['Elena', 'Rossi'],
  ['Farid', 'Haddad'],
];
const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Hanoi', 'Quito'];
const ORGS = [
  ['Acme', 'Corp'],
  ['Globex', 'Inc'],
  ['Initech', 'Ltd'],
];

/** A tiny synthetic corpus: "<First> <Last> visited <City> for <Org> <Suffix> ." */
function corpus(): ConllDocument[] {
  const sentences = [];
  for (let i = 0; i < 36; i++) {
    const [first, last] = PEOPLE[i % PEOPLE.length]!;
    const city = CITIES[(i * 5) % CITIES.length]!;
    const [org, suffix] = ORGS[i % ORGS.length]!;
    sentences.push({
      tokens: [first!, last!, 'visited', city, 'for', org!, suffix!, '.'],
      tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'O'],
    });
  }
  return [{ sentences: sentences.slice(0, 18) }, { sentences: sentences.slice(18) }];
}

describe('entity model training (tiny corpus)', () => {
  const opts = { epochs: 5, seed: 7, minCount: 1 };
  const artifact = trainModel(corpus(), [], { lexicon: null, clusters: null }, opts);

  it('is reproducible: the same seed gives the same bytes', () => {
    const again = trainModel(corpus(), [], { lexicon: null, clusters: null }, opts);
    expect(JSON.stringify(again)).toBe(JSON.stringify(artifact));
  });

  it('learns the pattern and recognises it in raw text with exact offsets ("Inc." keeps its period)', () => {
    const model = decodeModel(JSON.parse(JSON.stringify(artifact)));
    const text = 'Elena Rossi visited Hanoi for Globex Inc.';
    const found = recognizeNamed(text, model).map((m) => [m.type, m.text, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['PERSON', 'Elena Rossi', 'Elena Rossi'],
      ['LOCATION', 'Hanoi', 'Hanoi'],
      ['ORGANIZATION', 'Globex Inc.', 'Globex Inc.'],
    ]);
  });
});
