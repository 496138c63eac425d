/**
 * Trains the speaker-choice model of functions/core/nlp/quotes/rank.ts: an averaged perceptron
 * ranking each uncued quotation's candidates (people and organisations around it, its neighbours'
 * speakers, the rules' pick, "nobody") on PolNeAR train, with the project's own entity recogniser.
 * A candidate is right when the eval would count it right (its mention overlaps the gold Source,
 * or its name's last word is in the Source); "nobody" is right when no candidate is. Reports
 * choice accuracy on dev after every epoch and writes functions/core/model/speaker-model.json.
 * Deterministic: fixed seed, no clock.
 *
 *   npm run train:speakers [-- --epochs N --runs N --seed N --data DIR --out FILE --drop REGEX]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goldOf, loadPolnear, matchSpans, speakerCorrect } from '../functions/cli/eval/quotes.ts';
import { recognizeEntities } from '../functions/core/nlp/entities/recognize.ts';
import { uncuedCandidates } from '../functions/core/nlp/quotes/find.ts';
import type { Candidate } from '../functions/core/nlp/quotes/rank.ts';
import { SPEAKER_MODEL_FORMAT } from '../functions/core/nlp/quotes/rank.ts';
import type { Quote } from '../functions/core/types.ts';
import { eachFlag } from './args.ts';
import { seeded } from './random.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Example {
  readonly feats: readonly (readonly string[])[];
  /** Which candidates are right (the last is "nobody"). */
  readonly right: readonly boolean[];
}

interface Options {
  epochs: number;
  data: string;
  out: string;
  seed: number;
  /** Perceptrons trained on differently shuffled orders and averaged (less order noise). */
  runs: number;
  /** Features left out (ablation, judged by the cross-validation). */
  drop?: RegExp;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    epochs: 6,
    data: join(root, '..', 'shared', 'data', 'polnear'),
    out: join(root, 'functions', 'core', 'model', 'speaker-model.json'),
    seed: 20160101,
    runs: 15,
  };
  eachFlag(argv, (a, v) => {
    if (a === '--epochs') o.epochs = Number(v());
    else if (a === '--data') o.data = resolve(v());
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--runs') o.runs = Number(v());
    else if (a === '--drop') o.drop = new RegExp(v());
    else return false;
    return true;
  });
  return o;
}

/** Uncued quotations of one split matched to gold, with their labelled candidates. */
function examples(dir: string, label: string): Example[] {
  const docs = loadPolnear(dir);
  const out: Example[] = [];
  let n = 0;
  for (const doc of docs) {
    if (++n % 100 === 0) process.stderr.write(`  ${label}: ${n}/${docs.length} documents\n`);
    const { direct } = goldOf(doc);
    const uncued = uncuedCandidates(doc.text, recognizeEntities(doc.text));
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
      right[right.length - 1] = !right.some(Boolean);
      out.push({ feats: u.candidates.map((c) => c.features), right });
    });
  }
  return out;
}

function best(w: Map<string, number>, ex: Example, onlyRight: boolean): number {
  let arg = -1;
  let top = Number.NEGATIVE_INFINITY;
  // "Nobody" (last) first, so ties go to it, as in chooseSpeaker.
  const order = [ex.feats.length - 1, ...ex.feats.keys()].slice(0, ex.feats.length);
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

function accuracy(w: Map<string, number>, exs: readonly Example[]): number {
  let ok = 0;
  for (const ex of exs) if (ex.right[best(w, ex, false)]) ok++;
  return exs.length === 0 ? 0 : ok / exs.length;
}

/** Averaged perceptron over the examples, `epochs` passes in a seeded order. */
function train(
  exs: readonly Example[],
  epochs: number,
  seed: number,
  dev?: readonly Example[],
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
    if (dev) {
      const a = averaged();
      process.stderr.write(
        `epoch ${epoch}: train ${accuracy(a, exs).toFixed(4)}  dev ${accuracy(a, dev).toFixed(4)}\n`,
      );
    }
  }
  return averaged();
}

/** The mean of `runs` perceptrons, each with its own shuffling seed: one order's luck averages out. */
function trainRuns(exs: readonly Example[], o: Options, dev?: readonly Example[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (let r = 0; r < o.runs; r++) {
    for (const [f, v] of train(exs, o.epochs, o.seed + r, r === 0 ? dev : undefined)) {
      sum.set(f, (sum.get(f) ?? 0) + v / o.runs);
    }
  }
  return sum;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  process.stderr.write('collecting candidates (entity recognition on every article)…\n');
  // --drop REGEX leaves matching features out: feature ablation, judged by cross-validation.
  const keep = (e: Example): Example =>
    o.drop ? { ...e, feats: e.feats.map((f) => f.filter((x) => !o.drop!.test(x))) } : e;
  const exs = examples(join(o.data, 'train'), 'train').map(keep);
  const dev = examples(join(o.data, 'dev'), 'dev').map(keep);
  process.stderr.write(`${exs.length} train and ${dev.length} dev uncued quotations\n`);
  // Five-fold cross-validation on train (contiguous folds keep documents together).
  let cv = 0;
  for (let k = 0; k < 5; k++) {
    const a = Math.floor((exs.length * k) / 5);
    const b = Math.floor((exs.length * (k + 1)) / 5);
    const held = exs.slice(a, b);
    cv += accuracy(trainRuns([...exs.slice(0, a), ...exs.slice(b)], o), held) * held.length;
  }
  process.stderr.write(`cross-validated accuracy on train: ${(cv / exs.length).toFixed(4)}\n`);
  const a = trainRuns(exs, o, dev);
  process.stderr.write(
    `averaged over ${o.runs} runs: train ${accuracy(a, exs).toFixed(4)}  dev ${accuracy(a, dev).toFixed(4)}\n`,
  );
  const weights: Record<string, number> = {};
  for (const f of [...a.keys()].sort()) {
    const v = Math.round(a.get(f)! * 1000) / 1000;
    if (v !== 0) weights[f] = v;
  }
  writeFileSync(o.out, `${JSON.stringify({ format: SPEAKER_MODEL_FORMAT, weights }, null, 1)}\n`);
  process.stderr.write(`wrote ${o.out}: ${Object.keys(weights).length} weights\n`);
}

main();
