import { describe, expect, it } from 'vitest';
import { SPEAKER_MODEL } from '../../../../functions/core/model/speakers.ts';
import { explainQuotes, findQuotes, quoteCandidates } from '../../../../functions/core/nlp/quotes/find.ts';
import {
  type Candidate,
  CUED_MARGIN,
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
    const uncued = quoteCandidates(text, mentions(text, names)).filter((u) => !u.cued);
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

  it('also lists a cued quotation’s candidates, the rules’ pick marked with its sieve and no “nobody”', () => {
    const all = quoteCandidates(text, mentions(text, names));
    const cued = all.filter((u) => u.cued);
    expect(cued.map((u) => text.slice(u.start, u.end))).toEqual(['“We will rebuild the bridge,”']);
    const cands = cued[0]!.candidates;
    expect(cands.every((c) => c.speaker !== null)).toBe(true);
    const pick = cands.find((c) => c.rule);
    expect(pick?.speaker?.name).toBe('Jane Roe');
    // The mention the cue found ("Roe" after the quotation), not the nearest earlier one.
    expect(pick?.speaker?.mention.text).toBe('Roe');
    expect(pick?.features).toContain('C|sieve|tail.subject-verb');
    expect(pick?.features.every((f) => f.startsWith('C|'))).toBe(true);
  });
});

describe('the learned choice for cued quotations', () => {
  const roe = { name: 'Roe', mention: { text: 'Roe', start: 0, end: 3 } };
  const doe = { name: 'Doe', mention: { text: 'Doe', start: 4, end: 7 } };
  const cands: Candidate[] = [
    { speaker: doe, features: ['C|x'] },
    { speaker: roe, features: ['C|rule'], rule: true },
  ];
  const model = (w: Record<string, number>) => ({ format: SPEAKER_MODEL_FORMAT, weights: w });

  it('keeps the rules’ pick on ties and unless another candidate leads it by the margin', () => {
    expect(chooseSpeaker(model({}), cands).speaker?.name).toBe('Roe');
    expect(chooseSpeaker(model({ 'C|x': CUED_MARGIN }), cands).speaker?.name).toBe('Roe');
    expect(chooseSpeaker(model({ 'C|x': CUED_MARGIN + 1 }), cands).speaker?.name).toBe('Doe');
    expect(chooseSpeaker(model({ 'C|x': CUED_MARGIN + 1, 'C|rule': 2 }), cands).speaker?.name).toBe('Roe');
  });

  it('drops the cue when the model credits someone other than the cue’s subject', () => {
    const t = 'Ann Lee met Bo Park on Friday. “The dam will hold,” Lee said.';
    const ms = mentions(t, [
      ['Ann Lee', 'PERSON'],
      ['Bo Park', 'PERSON'],
    ]);
    const shipped = findQuotes(t, ms).find((q) => q.type === 'direct');
    expect(shipped?.speaker?.name).toBe('Ann Lee');
    expect(shipped?.cue?.text).toBe('said');
    const park = findQuotes(t, ms, { model: model({ 'C|alt|tail.subject-verb': 100 }) }).find(
      (q) => q.type === 'direct',
    );
    expect(park?.speaker?.name).toBe('Bo Park');
    expect(park?.cue).toBeNull();
  });

  it('explains a cued quotation with its candidates, scores and why the winner won', () => {
    const t = 'Ann Lee met Bo Park on Friday. “The dam will hold,” Lee said.';
    const ms = mentions(t, [
      ['Ann Lee', 'PERSON'],
      ['Bo Park', 'PERSON'],
    ]);
    const [tr] = explainQuotes(t, ms).traces;
    expect(tr?.how).toBe('cue');
    expect(tr?.candidates.map((c) => c.name).sort()).toEqual(['Ann Lee', 'Bo Park']);
    expect(tr?.candidates[0]?.rule).toBe(true);
    expect(tr?.why).toContain('tail.subject-verb');
    expect(tr?.why).toContain("the rules' pick stands");
  });
});
