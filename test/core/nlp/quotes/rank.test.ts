import { describe, expect, it } from 'vitest';
import { SPEAKER_MODEL } from '../../../../functions/core/model/speakers.ts';
import { findQuotes, uncuedCandidates } from '../../../../functions/core/nlp/quotes/find.ts';
import {
  type Candidate,
  chooseSpeaker,
  SPEAKER_MODEL_FORMAT,
} from '../../../../functions/core/nlp/quotes/rank.ts';
import { mentions } from './helpers.ts';

const text =
  'Jane Roe, the mayor, spoke on Monday. “We will rebuild the bridge,” Roe said.\n\n“It will take two years.”\n\nCritics led by John Doe see the plan as “a fantasy.”';
const names: [string, 'PERSON'][] = [
  ['Jane Roe', 'PERSON'],
  ['John Doe', 'PERSON'],
];

describe('learned speaker choice for uncued quotations', () => {
  it('lists the neighbourhood’s people, the previous speaker and “nobody” last', () => {
    const uncued = uncuedCandidates(text, mentions(text, names));
    expect(uncued.map((u) => text.slice(u.start, u.end))).toEqual([
      '“It will take two years.”',
      '“a fantasy.”',
    ]);
    const [second, third] = uncued;
    const byName = (cs: readonly Candidate[], n: string) => cs.find((c) => c.speaker?.name === n);
    expect(byName(second!.candidates, 'Jane Roe')?.features).toContain('prev');
    expect(second!.candidates.at(-1)?.speaker).toBeNull();
    expect(second!.candidates.at(-1)?.features).toContain('null');
    const doe = byName(third!.candidates, 'John Doe');
    expect(doe?.features).toContain('pos|before');
    expect(doe?.features).toContain('prep');
  });

  it('chooses the best-scoring candidate, “nobody” on ties', () => {
    const cands: Candidate[] = [
      { speaker: { name: 'A', mention: { text: 'A', start: 0, end: 1 } }, features: ['x'] },
      { speaker: null, features: ['null'] },
    ];
    expect(chooseSpeaker({ format: SPEAKER_MODEL_FORMAT, weights: {} }, cands).speaker).toBeNull();
    expect(chooseSpeaker({ format: SPEAKER_MODEL_FORMAT, weights: { x: 1 } }, cands).speaker?.name).toBe('A');
    expect(
      chooseSpeaker({ format: SPEAKER_MODEL_FORMAT, weights: { x: 1, null: 2 } }, cands).speaker,
    ).toBeNull();
  });

  it('ships a trained model that keeps news convention: a quote-only paragraph continues its speaker', () => {
    expect(SPEAKER_MODEL.format).toBe(SPEAKER_MODEL_FORMAT);
    expect(Object.keys(SPEAKER_MODEL.weights).length).toBeGreaterThan(50);
    const qs = findQuotes(text, mentions(text, names)).filter((q) => q.type === 'direct');
    expect(qs[1]?.text).toBe('“It will take two years.”');
    expect(qs[1]?.speaker?.name).toBe('Jane Roe');
  });
});
