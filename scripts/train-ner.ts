/**
 * Trains the entity model: an averaged structured perceptron (first-order, Viterbi over BILOU labels)
 * on CoNLL-2003 train.txt, reporting validation F1 after every epoch, and writes the compact artifact
 * functions/core/model/ner-model.bin (the binary form of functions/core/model/format.ts: a JSON header
 * and typed-array parts, read by the run time without parsing a large literal). Deterministic: a fixed seed, no clock, no parallelism, so two
 * runs write the same bytes.
 *
 *   npm run train:ner [-- --epochs N --data DIR --out FILE --no-lexicon --no-clusters --no-casing --gazetteer PKG,PKG --dotless N]
 *   npm run train:ner -- --holdout --out /tmp/m.bin   (tuning: train on 4/5 of train, score the other fifth)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactToBinary } from '../functions/core/model/format.ts';
import { parseConll } from '../functions/core/nlp/entities/conll.ts';
import type { Clusters, FeatureContext, Lexicon } from '../functions/core/nlp/entities/features.ts';
import { type Casing, learnCasing } from '../functions/core/nlp/entities/truecase.ts';
import { eachFlag } from './args.ts';
import { dotlessAbbreviations, dotlessCopies } from './ner/augment.ts';
import { learnClusters, type UnlabelledSources, unlabelledSentences } from './ner/clusters.ts';
import { buildGazetteer, GAZETTEER_SOURCES } from './ner/gazetteer.ts';
import { trainModel } from './ner/perceptron.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  epochs: number;
  data: string;
  out: string;
  lexicon: boolean;
  clusters: boolean;
  casing: boolean;
  minCount: number;
  gazetteer: ReadonlySet<string>;
  seed: number;
  /** Train on four fifths of the training documents and score the held-out fifth after every epoch. */
  holdout: boolean;
  /** Every N-th training document has its dotted abbreviations written without periods (0: none). */
  dotless: number;
  /** Every N-th training document adds a copy of its sentences with abbreviations written without periods (0: none). */
  dotlessCopies: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    epochs: 8,
    data: join(root, '..', 'shared', 'data'),
    out: join(root, 'functions', 'core', 'model', 'ner-model.bin'),
    lexicon: true,
    clusters: true,
    casing: true,
    minCount: 1,
    gazetteer: GAZETTEER_SOURCES,
    seed: 20030601,
    holdout: false,
    dotless: 0,
    dotlessCopies: 0,
  };
  eachFlag(argv, (a, v) => {
    if (a === '--epochs') o.epochs = Number(v());
    else if (a === '--data') o.data = resolve(v());
    else if (a === '--out') o.out = resolve(v());
    else if (a === '--no-lexicon') o.lexicon = false;
    else if (a === '--no-clusters') o.clusters = false;
    else if (a === '--no-casing') o.casing = false;
    else if (a === '--min-count') o.minCount = Number(v());
    else if (a === '--gazetteer') o.gazetteer = new Set(v().split(','));
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--holdout') o.holdout = true;
    else if (a === '--dotless') o.dotless = Number(v());
    else if (a === '--dotless-copies') o.dotlessCopies = Number(v());
    else return false;
    return true;
  });
  return o;
}

function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

async function main(): Promise<void> {
  const opt = parseArgs(process.argv.slice(2));
  const conll = join(opt.data, 'conll2003');
  if (!existsSync(join(conll, 'train.txt'))) throw new Error(`CoNLL-2003 not found in ${conll}`);
  const all = parseConll(readFileSync(join(conll, 'train.txt'), 'utf8'));
  // Tuning is done on a fixed held-out fifth of train (every fifth document); validation is read
  // only to report the final model, once.
  const train = opt.holdout ? all.filter((_, i) => i % 5 !== 4) : all;
  const valid = opt.holdout
    ? all.filter((_, i) => i % 5 === 4)
    : existsSync(join(conll, 'valid.txt'))
      ? parseConll(readFileSync(join(conll, 'valid.txt'), 'utf8'))
      : [];
  let lexicon: Lexicon | null = null;
  if (opt.lexicon) {
    lexicon = await buildGazetteer(root, opt.gazetteer);
    log(`gazetteer: ${lexicon.keys.length} entries`);
  }
  const annotated = join(root, 'annotations', 'article-html', 'entities.json');
  const unlabelled: UnlabelledSources = {
    polnear: join(opt.data, 'polnear'),
    articleBodies: join(opt.data, 'article-html', 'ground-truth.json'),
    excludedPages: new Set(
      existsSync(annotated) ? Object.keys(JSON.parse(readFileSync(annotated, 'utf8')) as object) : [],
    ),
  };
  // Read and tokenised once for both: the casing lexicon and the word clusters.
  const sentences = opt.casing || opt.clusters ? unlabelledSentences(train, unlabelled) : [];
  let casing: Casing | null = null;
  if (opt.casing) {
    casing = learnCasing(sentences);
    log(`casing: ${casing.keys.length} words`);
  }
  let clusters: Clusters | null = null;
  if (opt.clusters) {
    clusters = learnClusters(sentences, log);
    log(`clusters: ${clusters.keys.length} words`);
  }
  const ctx: FeatureContext = { lexicon, clusters, casing };
  // The unlabelled text above reads the documents as written; the model also sees `US` for `U.S.`.
  let labelled = opt.dotless > 0 ? dotlessAbbreviations(train, opt.dotless) : train;
  if (opt.dotlessCopies > 0) labelled = dotlessCopies(labelled, opt.dotlessCopies);
  const artifact = trainModel(labelled, valid, ctx, {
    epochs: opt.epochs,
    seed: opt.seed,
    minCount: opt.minCount,
    log,
    everyEpoch: opt.holdout,
    validName: opt.holdout ? 'held-out train fifth' : 'valid',
  });
  const bytes = artifactToBinary(artifact);
  writeFileSync(opt.out, bytes);
  log(`wrote ${opt.out}: ${(bytes.length / 1e6).toFixed(2)} MB (score with it: NER_MODEL_FILE=${opt.out})`);
}

await main();
