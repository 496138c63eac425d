/**
 * Training of the entity model: an averaged structured perceptron over BILOU labels with
 * first-order transitions and exact Viterbi decoding (Collins 2002), on CoNLL-format documents.
 * Deterministic for a given seed: sentences are shuffled with a seeded generator, features are
 * indexed in first-seen order, nothing depends on the clock or on parallelism.
 */

import { encodeModel, type ModelArtifact } from '../../functions/core/model/format.ts';
import { type ConllDocument, ConllScorer, chunksOf } from '../../functions/core/nlp/entities/conll.ts';
import { documentFeatures, type FeatureContext } from '../../functions/core/nlp/entities/features.ts';
import { bilouFromIob, labelSpans, NUM_LABELS, viterbi } from '../../functions/core/nlp/entities/model.ts';
import { normalise } from '../../functions/core/nlp/tokenize.ts';
import { seeded as rng } from '../random.ts';

interface Sent {
  feats: Int32Array[];
  gold: Int32Array;
  tags: string[];
}

/** Features of every sentence of the documents (CoNLL tokens, normalised as at run time). */
export function featurise(docs: readonly ConllDocument[], ctx: FeatureContext): Sent[] {
  const out: Sent[] = [];
  for (const d of docs) {
    const norms: string[] = [];
    const ranges: { first: number; last: number }[] = [];
    for (const s of d.sentences) {
      ranges.push({ first: norms.length, last: norms.length + s.tokens.length });
      for (const t of s.tokens) norms.push(normalise(t));
    }
    const feats = documentFeatures(norms, ranges, ctx);
    d.sentences.forEach((s, k) => {
      const r = ranges[k]!;
      const fs: Int32Array[] = [];
      for (let t = r.first; t < r.last; t++)
        fs.push(feats.hashes.slice(feats.offsets[t]!, feats.offsets[t + 1]!));
      out.push({ feats: fs, gold: bilouFromIob(s.tags), tags: s.tags });
    });
  }
  return out;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly seed: number;
  /** Features seen fewer times in training are dropped. */
  readonly minCount: number;
  readonly log?: (message: string) => void;
  /** Score `valid` after every epoch (a held-out part of train) rather than once after the last. */
  readonly everyEpoch?: boolean;
  /** Name of the scored set in the log. */
  readonly validName?: string;
  readonly meta?: Record<string, string | number>;
}

/**
 * Trains on `train`, reports F1 on `valid` once after the last epoch (or after each epoch when
 * `everyEpoch`, for a held-out part of train), returns the encoded artifact.
 */
export function trainModel(
  train: readonly ConllDocument[],
  valid: readonly ConllDocument[],
  ctx: FeatureContext,
  opt: TrainOptions,
): ModelArtifact {
  const log = opt.log ?? (() => {});
  const trainS = featurise(train, ctx);
  const validS = featurise(valid, ctx);
  const counts = new Map<number, number>();
  for (const s of trainS)
    for (const fs of s.feats) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names: number[] = [];
  const index = new Map<number, number>();
  for (const [f, c] of counts) {
    if (c >= opt.minCount) {
      index.set(f, names.length);
      names.push(f);
    }
  }
  const toIds = (fs: Int32Array) => {
    const ids: number[] = [];
    for (const f of fs) {
      const id = index.get(f);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  };
  const trainIds = trainS.map((s) => s.feats.map(toIds));
  const validIds = validS.map((s) => s.feats.map(toIds));
  const F = names.length;
  const L = NUM_LABELS;
  const T = (L + 1) * L;
  log(`train: ${trainS.length} sentences, ${F} features; valid: ${validS.length} sentences`);

  // Averaged perceptron: w are the current weights, u accumulates c * update, average = w - u / c.
  const w = new Float64Array(F * L);
  const u = new Float64Array(F * L);
  const tw = new Float64Array(T);
  const tu = new Float64Array(T);
  let c = 1;
  const em = (ids: Int32Array[], weights: Float64Array) => {
    const e = new Float64Array(ids.length * L);
    for (let t = 0; t < ids.length; t++) {
      const o = t * L;
      for (const f of ids[t]!) {
        const ro = f * L;
        for (let j = 0; j < L; j++) e[o + j]! += weights[ro + j]!;
      }
    }
    return e;
  };
  const random = rng(opt.seed);
  const order = trainIds.map((_, i) => i);
  const averaged = () => {
    const aw = new Float64Array(F * L);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i]! - u[i]! / c;
    const at = new Float64Array(T);
    for (let i = 0; i < T; i++) at[i] = tw[i]! - tu[i]! / c;
    return { aw, at };
  };
  for (let epoch = 1; epoch <= opt.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const k of order) {
      const ids = trainIds[k]!;
      const gold = trainS[k]!.gold;
      const n = ids.length;
      const pred = viterbi(em(ids, w), n, tw);
      let same = true;
      for (let t = 0; t < n; t++) if (pred[t] !== gold[t]) same = false;
      if (!same) {
        errors++;
        for (let t = 0; t < n; t++) {
          const g = gold[t]!;
          const p = pred[t]!;
          if (g !== p) {
            for (const f of ids[t]!) {
              w[f * L + g]! += 1;
              u[f * L + g]! += c;
              w[f * L + p]! -= 1;
              u[f * L + p]! -= c;
            }
          }
          const gp = t === 0 ? L : gold[t - 1]!;
          const pp = t === 0 ? L : pred[t - 1]!;
          if (gp !== pp || g !== p) {
            tw[gp * L + g]! += 1;
            tu[gp * L + g]! += c;
            tw[pp * L + p]! -= 1;
            tu[pp * L + p]! -= c;
          }
        }
      }
      c++;
    }
    if (validIds.length && (opt.everyEpoch || epoch === opt.epochs)) {
      const { aw, at } = averaged();
      const scorer = new ConllScorer();
      validIds.forEach((ids, k) => {
        const pred = viterbi(em(ids, aw), ids.length, at);
        scorer.add(chunksOf(validS[k]!.tags), labelSpans(pred));
      });
      const by = [...scorer.byType()].map(([t, x]) => `${t} ${x.f1.toFixed(4)}`).join(' ');
      log(
        `epoch ${epoch}: ${errors} sentence errors; ${opt.validName ?? 'valid'} F1 ${scorer.overall().f1.toFixed(4)} (${by})`,
      );
    } else {
      log(`epoch ${epoch}: ${errors} sentence errors`);
    }
  }
  const { aw, at } = averaged();
  // Keep only features with a weight that survives quantisation.
  let max = 0;
  for (let i = 0; i < aw.length; i++) max = Math.max(max, Math.abs(aw[i]!));
  const eps = (max / 32767) * 0.5;
  const keptNames: number[] = [];
  const kept: number[] = [];
  for (let f = 0; f < F; f++) {
    let any = false;
    for (let j = 0; j < L; j++) if (Math.abs(aw[f * L + j]!) >= eps) any = true;
    if (any) {
      keptNames.push(names[f]!);
      for (let j = 0; j < L; j++) kept.push(aw[f * L + j]!);
    }
  }
  log(`kept ${keptNames.length} of ${F} features`);
  return encodeModel(
    {
      features: Int32Array.from(keptNames),
      weights: kept,
      transitions: at,
      lexicon: ctx.lexicon,
      clusters: ctx.clusters,
      casing: ctx.casing ?? null,
    },
    {
      epochs: opt.epochs,
      seed: opt.seed,
      minCount: opt.minCount,
      trainSentences: trainS.length,
      ...opt.meta,
    },
  );
}
