/**
 * Trains the speaker-choice model of functions/core/nlp/quotes/rank.ts on PolNeAR train, with the
 * project's own entity recogniser (the trainer: functions/cli/eval/speaker-training.ts). Reports
 * cross-validated choice accuracy on train, train accuracy after every epoch and dev accuracy once,
 * at the end (dev chooses nothing), and writes functions/core/model/speaker-model.json; then trains
 * the quotation confidence filter (functions/cli/eval/quote-filter-training.ts) on what the
 * extraction outputs on train with that model and writes functions/core/model/quote-filter.json.
 * Deterministic: fixed seed, no clock.
 *
 *   npm run train:speakers [-- --epochs N --runs N --seed N --data DIR --out FILE --filter-out FILE --drop REGEX]
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useNerModelFile } from '../functions/adapters/node/ner-model-file.ts';
import { filterExamplesOf, trainFilter } from '../functions/cli/eval/quote-filter-training.ts';
import { loadPolnear } from '../functions/cli/eval/quotes.ts';
import {
  accuracy,
  DEFAULT_TRAINING,
  type Example,
  examplesOf,
  toModel,
  trainRuns,
} from '../functions/cli/eval/speaker-training.ts';
import { recognizeEntities } from '../functions/core/nlp/entities/recognize.ts';
import type { EntityMention } from '../functions/core/types.ts';
import { eachFlag } from './args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  epochs: number;
  data: string;
  out: string;
  /** Where the confidence filter is written. */
  filterOut: string;
  seed: number;
  /** Perceptrons trained on differently shuffled orders and averaged (less order noise). */
  runs: number;
  /** Features left out (ablation, judged by the cross-validation). */
  drop?: RegExp;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    ...DEFAULT_TRAINING,
    data: join(root, '..', 'shared', 'data', 'polnear'),
    out: join(root, 'functions', 'core', 'model', 'speaker-model.json'),
    filterOut: join(root, 'functions', 'core', 'model', 'quote-filter.json'),
  };
  eachFlag(argv, (a, v) => {
    if (a === '--epochs') o.epochs = Number(v());
    else if (a === '--data') o.data = resolve(v());
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--filter-out') o.filterOut = resolve(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--runs') o.runs = Number(v());
    else if (a === '--drop') o.drop = new RegExp(v());
    else return false;
    return true;
  });
  return o;
}

type Docs = { doc: ReturnType<typeof loadPolnear>[number]; mentions: EntityMention[] }[];

/** One split's documents with the recogniser's mentions. */
function load(dir: string, label: string): Docs {
  const docs = loadPolnear(dir);
  let n = 0;
  return docs.map((doc) => {
    if (++n % 100 === 0) process.stderr.write(`  ${label}: ${n}/${docs.length} documents\n`);
    return { doc, mentions: recognizeEntities(doc.text) };
  });
}

/** Quotations of one split matched to gold, with their labelled candidates. */
function examples(docs: Docs): Example[] {
  return docs.flatMap(({ doc, mentions }) => examplesOf(doc, mentions));
}

function main(): void {
  useNerModelFile();
  const o = parseArgs(process.argv.slice(2));
  process.stderr.write('collecting candidates (entity recognition on every article)…\n');
  // --drop REGEX leaves matching features out: feature ablation, judged by cross-validation.
  const keep = (e: Example): Example =>
    o.drop ? { ...e, feats: e.feats.map((f) => f.filter((x) => !o.drop!.test(x))) } : e;
  const trainDocs = load(join(o.data, 'train'), 'train');
  const exs = examples(trainDocs).map(keep);
  const dev = examples(load(join(o.data, 'dev'), 'dev')).map(keep);
  process.stderr.write(`${exs.length} train and ${dev.length} dev quotations (cued and uncued)\n`);
  // Five-fold cross-validation on train (contiguous folds keep documents together).
  let cv = 0;
  for (let k = 0; k < 5; k++) {
    const a = Math.floor((exs.length * k) / 5);
    const b = Math.floor((exs.length * (k + 1)) / 5);
    const held = exs.slice(a, b);
    cv += accuracy(trainRuns([...exs.slice(0, a), ...exs.slice(b)], o), held) * held.length;
  }
  process.stderr.write(`cross-validated accuracy on train: ${(cv / exs.length).toFixed(4)}\n`);
  const a = trainRuns(exs, o, (epoch, w) =>
    process.stderr.write(`epoch ${epoch}: train ${accuracy(w, exs).toFixed(4)}\n`),
  );
  process.stderr.write(
    `averaged over ${o.runs} runs: train ${accuracy(a, exs).toFixed(4)}; dev, read once for the report (it chooses nothing): ${accuracy(a, dev).toFixed(4)}\n`,
  );
  const model = toModel(a);
  writeFileSync(o.out, `${JSON.stringify(model, null, 1)}\n`);
  process.stderr.write(`wrote ${o.out}: ${Object.keys(model.weights).length} weights\n`);
  // The confidence filter learns from what the extraction outputs with this speaker model.
  const filter = trainFilter(
    trainDocs.flatMap(({ doc, mentions }) => filterExamplesOf(doc, mentions, { model })),
  );
  writeFileSync(o.filterOut, `${JSON.stringify(filter, null, 1)}\n`);
  process.stderr.write(
    `wrote ${o.filterOut}: ${Object.keys(filter.weights).length} weights, thresholds ${JSON.stringify(filter.thresholds)}\n`,
  );
}

main();
