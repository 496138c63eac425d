import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NER_MODEL_SOURCE_PATH } from '#adapters/node/ner-model-file.ts';
import { artifactToBinary, decodeModel, decodeModelBinary, isBinaryArtifact } from '#core/model/format.ts';
import { nerModel, setNerModelSource } from '#core/model/ner.ts';
import type { NerModel } from '#core/nlp/entities/model.ts';
import { recognizeNamed } from '#core/nlp/entities/recognize.ts';
import { trainModel } from '../../../scripts/ner/perceptron.ts';

/** An invented two-sentence corpus, enough for a model with every part but the casing table. */
const DOCS = [
  {
    sentences: [
      {
        tokens: ['Mara', 'Quell', 'flew', 'to', 'Tarvik', '.'],
        tags: ['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O'],
      },
      { tokens: ['Ivo', 'Brandt', 'left', 'Orlen', '.'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'] },
    ],
  },
];

function same(a: NerModel, b: NerModel): void {
  expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  expect(Array.from(b.index.slots)).toEqual(Array.from(a.index.slots));
  expect(Array.from(b.transitions)).toEqual(Array.from(a.transitions));
  expect(b.scale).toBe(a.scale);
  expect(b.lexicon === null).toBe(a.lexicon === null);
  expect(b.clusters === null).toBe(a.clusters === null);
  expect(b.casing === null).toBe(a.casing === null);
}

describe('binary form of the entity model', () => {
  it('decodes to the same model as the JSON form, at any byte offset of its buffer', () => {
    const artifact = trainModel(
      DOCS,
      [],
      { lexicon: null, clusters: null },
      { epochs: 2, seed: 3, minCount: 1 },
    );
    const bin = artifactToBinary(artifact);
    expect(isBinaryArtifact(bin)).toBe(true);
    expect(new TextDecoder().decode(bin.subarray(0, 4))).toBe('NERB');
    same(decodeModel(artifact), decodeModelBinary(bin));
    // a view at an odd offset (as a pooled Buffer may be) is copied, not misread
    const shifted = new Uint8Array(bin.length + 1);
    shifted.set(bin, 1);
    same(decodeModel(artifact), decodeModelBinary(shifted.subarray(1)));
    expect(() => decodeModelBinary(new TextEncoder().encode('{"format":"x"}'))).toThrow(/not a binary/);
  });

  it('the committed artifact holds every part (gazetteer, clusters, casing) and recognises names', () => {
    const model = decodeModelBinary(readFileSync(NER_MODEL_SOURCE_PATH));
    expect(model.lexicon?.keys.length).toBeGreaterThan(1000);
    expect(model.clusters?.keys.length).toBeGreaterThan(1000);
    expect(model.casing?.keys.length).toBeGreaterThan(1000);
    const text = 'Lena Vogt met the mayor of Hamburg on Monday.';
    const found = recognizeNamed(text, model).map((m) => [m.type, text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['PERSON', 'Lena Vogt'],
      ['LOCATION', 'Hamburg'],
    ]);
  });

  it('is read from the source set for it, once, on first use', () => {
    const bytes = readFileSync(NER_MODEL_SOURCE_PATH);
    let reads = 0;
    setNerModelSource(() => {
      reads++;
      return bytes;
    });
    const a = nerModel();
    expect(nerModel()).toBe(a);
    expect(reads).toBe(1);
  });
});
