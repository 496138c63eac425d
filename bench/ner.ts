/**
 * Entity recognition figures: model load time (reading the shipped binary artifact plus decoding), and
 * NER throughput on one core with the model loaded, with `compromise` measured in the same run on
 * the same texts as the baseline (people, places and organisations with offsets). Throughput is
 * per CPU second of a single-threaded process (so other load on the machine does not distort it);
 * each side runs in a child process of its own, after the same warm-up, twice alternately, and the
 * better of the two runs counts; wall-clock figures too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { NER_MODEL_SOURCE_PATH, useNerModelFile } from '#adapters/node/ner-model-file.ts';
import { decodeModelBinary } from '#core/model/format.ts';
import { recognizeEntities } from '#core/nlp/entities/recognize.ts';
import { benchCorpus as corpus, countTokens } from './corpus.ts';

const MODEL = NER_MODEL_SOURCE_PATH;
const POLNEAR_TRAIN = join(import.meta.dirname, '..', '..', 'shared', 'data', 'polnear', 'train', 'text');

function compromiseEntities(text: string): number {
  const doc = nlp(text);
  return (
    doc.people().json({ offset: true }).length +
    doc.places().json({ offset: true }).length +
    doc.organizations().json({ offset: true }).length
  );
}

/** CPU seconds of this process (one thread runs the work): robust to other load on the machine. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function timeRound(texts: readonly string[], f: (t: string) => unknown): { cpu: number; wall: number } {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  for (const t of texts) f(t);
  return { cpu: cpuSeconds() - c0, wall: (performance.now() - t0) / 1000 };
}

function warmTexts(quick: boolean, texts: string[]): string[] {
  return existsSync(POLNEAR_TRAIN)
    ? readdirSync(POLNEAR_TRAIN)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .slice(0, quick ? 40 : 150)
        .map((f) => readFileSync(join(POLNEAR_TRAIN, f), 'utf8'))
    : texts;
}

const CHILD_FLAG = '--ner-bench-child';

/**
 * One side of the comparison, in a process of its own so that neither heap (our model, the
 * compromise lexicon) slows the other's garbage collection: warm-up on other articles, then
 * `rounds` passes over the corpus, CPU and wall seconds.
 */
function measure(
  which: 'ours' | 'compromise',
  quick: boolean,
): { cpu: number; wall: number; rounds: number } {
  const { texts } = corpus();
  const f = which === 'ours' ? recognizeEntities : compromiseEntities;
  for (const t of warmTexts(quick, texts)) f(t);
  const rounds = quick ? 1 : 3;
  const total = { cpu: 0, wall: 0, rounds };
  for (let r = 0; r < rounds; r++) {
    const x = timeRound(texts, f);
    total.cpu += x.cpu;
    total.wall += x.wall;
  }
  return total;
}

function measureInChild(
  which: 'ours' | 'compromise',
  quick: boolean,
): { cpu: number; wall: number; rounds: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, which, quick ? 'quick' : 'full'],
    { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as { cpu: number; wall: number; rounds: number };
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const { name, texts } = corpus();
  if (texts.length === 0) throw new Error('no corpus found');
  // Model load: reading the artifact (what the function does at init) plus decoding; the first
  // (cold) one and the best of 5.
  let loadMs = Number.POSITIVE_INFINITY;
  let coldMs = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    decodeModelBinary(readFileSync(MODEL));
    const ms = performance.now() - t0;
    if (i === 0) coldMs = ms;
    loadMs = Math.min(loadMs, ms);
  }
  const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
  // Alternating repetitions; the best of each (the one least disturbed by other load) counts.
  type Run = { cpu: number; wall: number; rounds: number };
  const best = (a: Run | null, b: Run): Run => (a && a.cpu / a.rounds <= b.cpu / b.rounds ? a : b);
  let ours: Run | null = null;
  let theirs: Run | null = null;
  for (let i = 0; i < (opts.quick ? 1 : 2); i++) {
    ours = best(ours, measureInChild('ours', opts.quick));
    theirs = best(theirs, measureInChild('compromise', opts.quick));
  }
  if (!ours || !theirs) throw new Error('no measurement');
  const nerTokensPerSec = (tokens * ours.rounds) / ours.cpu;
  const compromiseTokensPerSec = (tokens * theirs.rounds) / theirs.cpu;
  return {
    nerCorpus: `${name} (${texts.length} articles, ${tokens} tokens)`,
    nerModelBytes: statSync(MODEL).size,
    nerModelLoadColdMs: Number(coldMs.toFixed(1)),
    nerModelLoadMs: Number(loadMs.toFixed(1)),
    nerTokensPerSec: Math.round(nerTokensPerSec),
    compromiseTokensPerSec: Math.round(compromiseTokensPerSec),
    nerSpeedupVsCompromise: Number((nerTokensPerSec / compromiseTokensPerSec).toFixed(1)),
    nerWallTokensPerSec: Math.round((tokens * ours.rounds) / ours.wall),
    compromiseWallTokensPerSec: Math.round((tokens * theirs.rounds) / theirs.wall),
  };
}

if (process.argv[2] === CHILD_FLAG) {
  useNerModelFile();
  const which = process.argv[3] === 'compromise' ? 'compromise' : 'ours';
  process.stdout.write(JSON.stringify(measure(which, process.argv[4] === 'quick')) + '\n');
}
