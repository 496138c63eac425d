/**
 * Training of the speaker-choice model of functions/core/nlp/quotes/rank.ts, callable in-process
 * (scripts/train-speakers.ts writes the shipped artifact with it; `eval quotes --cv` retrains it
 * per fold): an averaged perceptron ranking each uncued quotation's candidates (people and
 * organisations around it, its neighbours' speakers, the rules' pick, "nobody"). A candidate is
 * right when the eval would count it right (its mention overlaps the gold Source, or its name's
 * last word is in the Source); "nobody" is right when no candidate is. Deterministic: seeded
 * shuffles, no clock.
 */
import { seeded } from '../../../scripts/random.ts';
import { quoteCandidates } from '../../core/nlp/quotes/find.ts';
import {
  type Candidate,
  SPEAKER_MODEL_FORMAT,
  type SpeakerModel,
  tieWinner,
} from '../../core/nlp/quotes/rank.ts';
import type { RuleOptions } from '../../core/nlp/quotes/switches.ts';
import type { EntityMention, Quote } from '../../core/types.ts';
import { type Doc, goldOf, matchSpans, speakerCorrect } from './quotes.ts';

export interface Example {
  readonly feats: readonly (readonly string[])[];
  /** Which candidates are right (the last is "nobody", for an uncued quotation). */
  readonly right: readonly boolean[];
  /** The candidate that wins ties: the rules' pick of a cued quotation, else "nobody". */
  readonly tie: number;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly seed: number;
  /** Perceptrons trained on differently shuffled orders and averaged (less order noise). */
  readonly runs: number;
}

export const DEFAULT_TRAINING: TrainOptions = { epochs: 6, seed: 20160101, runs: 15 };

/** One document's quotations matched to gold, with their labelled candidates. */
export function examplesOf(
  doc: Doc,
  mentions: readonly EntityMention[],
  options: RuleOptions = {},
): Example[] {
  const out: Example[] = [];
  const { direct } = goldOf(doc);
  const uncued = quoteCandidates(doc.text, mentions, options);
  const m = matchSpans(
    uncued,
    direct.map((g) => g.frags),
  );
  uncued.forEach((u, p) => {
    const g = m.get(p);
    if (g === undefined) return;
    const sources = direct[g]!.sources;
    const right = u.candidates.map((c: Candidate) => {
      if (!c.speaker || sources.length === 0) return false;
      const q = {
        type: 'direct',
        text: '',
        start: u.start,
        end: u.end,
        cue: null,
        speaker: c.speaker,
      } as Quote;
      return speakerCorrect(doc.text, q, sources);
    });
    // "Nobody" is right when no one else is (a cued quotation has no "nobody").
    if (!u.cued) right[right.length - 1] = !right.some(Boolean);
    out.push({ feats: u.candidates.map((c) => c.features), right, tie: tieWinner(u.candidates) });
  });
  return out;
}

function best(w: Map<string, number>, ex: Example, onlyRight: boolean): number {
  let arg = -1;
  let top = Number.NEGATIVE_INFINITY;
  // The tie winner first (the rules' pick, or "nobody"), so ties go to it, as in chooseSpeaker.
  const order = [ex.tie, ...[...ex.feats.keys()].filter((k) => k !== ex.tie)];
  for (const k of order) {
    if (onlyRight && !ex.right[k]) continue;
    let s = 0;
    for (const f of ex.feats[k]!) s += w.get(f) ?? 0;
    if (s > top) {
      top = s;
      arg = k;
    }
  }
  return arg;
}

/** Share of examples whose best candidate is right. */
export function accuracy(w: Map<string, number>, exs: readonly Example[]): number {
  let ok = 0;
  for (const ex of exs) if (ex.right[best(w, ex, false)]) ok++;
  return exs.length === 0 ? 0 : ok / exs.length;
}

/** Averaged perceptron over the examples, `epochs` passes in a seeded order. */
export function train(
  exs: readonly Example[],
  epochs: number,
  seed: number,
  onEpoch?: (epoch: number, weights: Map<string, number>) => void,
): Map<string, number> {
  const w = new Map<string, number>();
  const total = new Map<string, number>();
  const stamp = new Map<string, number>();
  let t = 0;
  const bump = (f: string, delta: number) => {
    total.set(f, (total.get(f) ?? 0) + (t - (stamp.get(f) ?? 0)) * (w.get(f) ?? 0));
    stamp.set(f, t);
    w.set(f, (w.get(f) ?? 0) + delta);
  };
  const averaged = (): Map<string, number> => {
    const a = new Map<string, number>();
    for (const [f, v] of w) a.set(f, ((total.get(f) ?? 0) + (t - (stamp.get(f) ?? 0)) * v) / Math.max(1, t));
    return a;
  };
  const rand = seeded(seed);
  const order = [...exs.keys()];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const ex = exs[idx]!;
      t++;
      const pred = best(w, ex, false);
      if (ex.right[pred]) continue;
      const gold = best(w, ex, true);
      if (gold < 0) continue;
      for (const f of ex.feats[gold]!) bump(f, 1);
      for (const f of ex.feats[pred]!) bump(f, -1);
    }
    onEpoch?.(epoch, averaged());
  }
  return averaged();
}

/** The mean of `runs` perceptrons, each with its own shuffling seed: one order's luck averages out. */
export function trainRuns(
  exs: readonly Example[],
  o: TrainOptions,
  onEpoch?: (epoch: number, weights: Map<string, number>) => void,
): Map<string, number> {
  const sum = new Map<string, number>();
  for (let r = 0; r < o.runs; r++) {
    for (const [f, v] of train(exs, o.epochs, o.seed + r, r === 0 ? onEpoch : undefined)) {
      sum.set(f, (sum.get(f) ?? 0) + v / o.runs);
    }
  }
  return sum;
}

/** The model as the artifact stores it: weights rounded to 1/1000, zeros left out, names sorted. */
export function toModel(weights: Map<string, number>): SpeakerModel {
  const out: Record<string, number> = {};
  for (const f of [...weights.keys()].sort()) {
    const v = Math.round(weights.get(f)! * 1000) / 1000;
    if (v !== 0) out[f] = v;
  }
  return { format: SPEAKER_MODEL_FORMAT, weights: out };
}
