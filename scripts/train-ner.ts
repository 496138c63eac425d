/**
 * Trains the entity model: an averaged structured perceptron (first-order, Viterbi over BILOU labels)
 * on CoNLL-2003 train.txt, reporting validation F1 after every epoch, and writes the compact artifact
 * functions/core/model/ner-model.json. Deterministic: a fixed seed, no clock, no parallelism, so two
 * runs write the same bytes.
 *
 *   npm run train:ner [-- --epochs N --data DIR --out FILE --no-lexicon --no-clusters]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from '../functions/core/model/format.ts';
import {
  type ConllDocument,
  ConllScorer,
  chunksOf,
  parseConll,
} from '../functions/core/nlp/entities/conll.ts';
import {
  type Clusters,
  documentFeatures,
  type FeatureContext,
  type Lexicon,
} from '../functions/core/nlp/entities/features.ts';
import {
  bilouFromIob,
  LABELS,
  labelSpans,
  NUM_LABELS,
  viterbi,
} from '../functions/core/nlp/entities/model.ts';
import { normalise } from '../functions/core/nlp/tokenize.ts';
import { learnClusters } from './ner/clusters.ts';
import { buildGazetteer } from './ner/gazetteer.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  epochs: number;
  data: string;
  out: string;
  lexicon: boolean;
  clusters: boolean;
  minCount: number;
  seed: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    epochs: 12,
    data: join(root, '..', 'shared', 'data'),
    out: join(root, 'functions', 'core', 'model', 'ner-model.json'),
    lexicon: true,
    clusters: true,
    minCount: 1,
    seed: 20030601,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--epochs') o.epochs = Number(v());
    else if (a === '--data') o.data = resolve(v());
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--no-lexicon') o.lexicon = false;
    else if (a === '--no-clusters') o.clusters = false;
    else if (a === '--min-count') o.minCount = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sent {
  feats: Int32Array[];
  gold: Int32Array;
  tags: string[];
}

function featurise(docs: ConllDocument[], ctx: FeatureContext): Sent[] {
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

function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

function main(): void {
  const opt = parseArgs(process.argv.slice(2));
  const conll = join(opt.data, 'conll2003');
  if (!existsSync(join(conll, 'train.txt'))) throw new Error(`CoNLL-2003 not found in ${conll}`);
  const train = parseConll(readFileSync(join(conll, 'train.txt'), 'utf8'));
  const valid = existsSync(join(conll, 'valid.txt'))
    ? parseConll(readFileSync(join(conll, 'valid.txt'), 'utf8'))
    : [];
  let lexicon: Lexicon | null = null;
  if (opt.lexicon) {
    lexicon = buildGazetteer(root);
    log(`gazetteer: ${lexicon.keys.length} entries`);
  }
  let clusters: Clusters | null = null;
  if (opt.clusters) {
    clusters = learnClusters(train, join(opt.data, 'polnear'), log);
    log(`clusters: ${clusters.keys.length} words`);
  }
  const ctx: FeatureContext = { lexicon, clusters };
  const trainS = featurise(train, ctx);
  const validS = featurise(valid, ctx);

  // Feature index (first-seen order is deterministic), with a frequency cut-off.
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
  const evaluate = (weights: Float64Array, trans: Float64Array) => {
    const scorer = new ConllScorer();
    validIds.forEach((ids, k) => {
      const pred = viterbi(em(ids, weights), ids.length, trans);
      const spans = labelSpans(pred).map((s) => ({ type: s.type, start: s.start, end: s.end }));
      scorer.add(chunksOf(validS[k]!.tags), spans);
    });
    return scorer;
  };
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
    if (validIds.length) {
      const { aw, at } = averaged();
      const s = evaluate(aw, at);
      const by = [...s.byType()].map(([t, x]) => `${t} ${x.f1.toFixed(4)}`).join(' ');
      log(`epoch ${epoch}: ${errors} sentence errors; valid F1 ${s.overall().f1.toFixed(4)} (${by})`);
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
  const artifact = encodeModel(
    { features: Int32Array.from(keptNames), weights: kept, transitions: at, lexicon, clusters },
    { epochs: opt.epochs, seed: opt.seed, trainSentences: trainS.length, labels: LABELS.length },
  );
  const json = JSON.stringify(artifact);
  writeFileSync(opt.out, json + '\n');
  log(`wrote ${opt.out}: ${keptNames.length} features, ${(json.length / 1e6).toFixed(2)} MB`);
}

main();
