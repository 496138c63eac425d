import { describe, expect, it } from 'vitest';
import { allowedEnd, allowedTransition, labelSpans, NUM_LABELS, viterbi } from '#core/nlp/entities/model.ts';

/** The decoder written plainly: every predecessor that allowedTransition admits, in label order. */
function plainViterbi(em: Float64Array, n: number, trans: ArrayLike<number>): number[] {
  const L = NUM_LABELS;
  const score: number[] = [];
  const back: number[] = [];
  for (let j = 0; j < L; j++)
    score[j] = allowedTransition(L, j) ? em[j]! + trans[L * L + j]! : Number.NEGATIVE_INFINITY;
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < L; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let i = 0; i < L; i++) {
        if (!allowedTransition(i, j)) continue;
        const s = score[(t - 1) * L + i]! + trans[i * L + j]!;
        if (s > best) {
          best = s;
          arg = i;
        }
      }
      score[t * L + j] = best + em[t * L + j]!;
      back[t * L + j] = arg;
    }
  }
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  for (let j = 0; j < L; j++) {
    if (allowedEnd(j) && score[(n - 1) * L + j]! > best) {
      best = score[(n - 1) * L + j]!;
      arg = j;
    }
  }
  const out: number[] = new Array(n);
  for (let t = n - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * L + arg]!;
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('viterbi', () => {
  const L = NUM_LABELS;

  it('finds the same labels as the plain decoder over allowedTransition, ties included', () => {
    const next = rng(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(next() * 30);
      // coarse values make ties common: the lowest-numbered predecessor must win them
      const coarse = trial % 2 === 0;
      const value = () => (coarse ? Math.floor(next() * 3) - 1 : next() * 6 - 3);
      const trans = Float32Array.from({ length: (L + 1) * L }, value);
      const em = Float64Array.from({ length: n * L }, value);
      expect(Array.from(viterbi(em, n, trans))).toEqual(plainViterbi(em, n, trans));
    }
  });

  it('decodes a strong two-token entity as one span', () => {
    const n = 4;
    const em = new Float64Array(n * L);
    const trans = new Float32Array((L + 1) * L);
    // tokens 1 and 2 are B-ORG (5) and L-ORG (7); everything else prefers O
    for (let t = 0; t < n; t++) em[t * L] = 1;
    em[1 * L + 5] = 5;
    em[2 * L + 7] = 5;
    expect(labelSpans(viterbi(em, n, trans))).toEqual([{ start: 1, end: 3, type: 'ORG' }]);
  });

  it('returns nothing for an empty sentence', () => {
    expect(viterbi(new Float64Array(0), 0, new Float32Array((L + 1) * L)).length).toBe(0);
  });
});
