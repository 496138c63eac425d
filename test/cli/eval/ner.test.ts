import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunksOf, conllText, parseConll } from '#core/nlp/entities/conll.ts';
import type { EntityMention } from '#core/types.ts';
import { evaluateConll, mentionsToChunks } from '../../../functions/cli/eval/ner.ts';

const VALID = new URL('../../../../shared/data/conll2003/valid.txt', import.meta.url);

describe('conll helpers', () => {
  it('reads chunks with conlleval rules (IOB1 and IOB2)', () => {
    expect(chunksOf(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-LOC', 'B-LOC', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 5 },
      { type: 'LOC', start: 5, end: 6 },
      { type: 'ORG', start: 6, end: 7 },
    ]);
  });

  it('rebuilds the document text and maps mentions back to tokens by offsets', () => {
    const [doc] = parseConll(
      '-DOCSTART- -X- -X- O\n\nU.N. NNP B-NP B-ORG\nsaid VBD B-VP O\n\nIn IN O O\nNew NNP B-NP B-LOC\nYork NNP I-NP I-LOC\n',
    );
    const { text, offsets } = conllText(doc!);
    expect(text).toBe('U.N. said\nIn New York');
    const m = (type: EntityMention['type'], s: string): EntityMention => {
      const start = text.indexOf(s);
      return { type, text: s, start, end: start + s.length, canonical: s };
    };
    expect(
      mentionsToChunks([m('ORGANIZATION', 'U.N.'), m('LOCATION', 'New York'), m('DATE', 'said')], offsets),
    ).toEqual([[{ type: 'ORG', start: 0, end: 1 }], [{ type: 'LOC', start: 1, end: 3 }]]);
  });
});

describe.skipIf(!existsSync(VALID))(
  'entity F1 on CoNLL-2003 validation documents (needs ../shared/data/conll2003)',
  () => {
    it('scores above the regression floor on the first 40 documents', () => {
      const content = existsSync(VALID) ? readFileSync(VALID, 'utf8') : '';
      const blocks = content.split('-DOCSTART-').slice(1, 41);
      const result = evaluateConll(blocks.map((b) => `-DOCSTART-${b}`).join(''));
      expect(result.documents).toBe(40);
      expect(result.overall.f1).toBeGreaterThan(0.88);
      for (const t of ['PER', 'ORG', 'LOC']) expect(result.byType[t]!.f1).toBeGreaterThan(0.8);
    });
  },
);
