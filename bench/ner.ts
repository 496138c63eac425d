/**
 * Entity recognition figures: model load time (parse of the shipped artifact plus decoding), and
 * NER throughput on one core with the model loaded, with `compromise` measured in the same run on
 * the same texts as the baseline (people, places and organisations with offsets). Throughput is
 * per CPU second of this single-threaded process (so other load on the machine does not distort
 * it); wall-clock figures are given too. Rounds of the two alternate.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { decodeModel, type ModelArtifact } from '#core/model/format.ts';
import { recognizeEntities } from '#core/nlp/entities/recognize.ts';

const MODEL = join(import.meta.dirname, '..', 'functions', 'core', 'model', 'ner-model.json');
const POLNEAR_DEV = join(import.meta.dirname, '..', '..', 'shared', 'data', 'polnear', 'dev', 'text');
const POLNEAR_TRAIN = join(import.meta.dirname, '..', '..', 'shared', 'data', 'polnear', 'train', 'text');
const SEED = join(import.meta.dirname, '..', '..', 'shared', 'data', 'seed', '000_46fdc26a7eb5e5c7.txt');
const SAMPLES = join(import.meta.dirname, '..', 'events', 'articles');

/** Whitespace-separated words: the token count used for throughput figures. */
const countTokens = (text: string) => text.split(/\s+/).filter(Boolean).length;

function corpus(): { name: string; texts: string[] } {
  if (existsSync(POLNEAR_DEV)) {
    const files = readdirSync(POLNEAR_DEV)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    return { name: 'PolNeAR dev texts', texts: files.map((f) => readFileSync(join(POLNEAR_DEV, f), 'utf8')) };
  }
  if (existsSync(SEED)) return { name: 'seed article', texts: [readFileSync(SEED, 'utf8')] };
  const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')) : [];
  return { name: 'events/articles samples', texts: files.map((f) => readFileSync(join(SAMPLES, f), 'utf8')) };
}

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

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const { name, texts } = corpus();
  if (texts.length === 0) throw new Error('no corpus found');
  // Model load: JSON parse of the artifact (what the module import does) plus decoding, best of 5.
  const raw = readFileSync(MODEL, 'utf8');
  let loadMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    decodeModel(JSON.parse(raw) as ModelArtifact);
    loadMs = Math.min(loadMs, performance.now() - t0);
  }
  const tokens = texts.reduce((n, t) => n + countTokens(t), 0);
  // Warm-up of both (JIT tiers, caches) on other articles than the measured ones when there are any.
  const warm = existsSync(POLNEAR_TRAIN)
    ? readdirSync(POLNEAR_TRAIN)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .slice(0, opts.quick ? 40 : 150)
        .map((f) => readFileSync(join(POLNEAR_TRAIN, f), 'utf8'))
    : texts;
  for (const t of warm) recognizeEntities(t);
  for (const t of warm) compromiseEntities(t);
  const rounds = opts.quick ? 1 : 3;
  const ours = { cpu: 0, wall: 0 };
  const theirs = { cpu: 0, wall: 0 };
  for (let r = 0; r < rounds; r++) {
    const a = timeRound(texts, recognizeEntities);
    const b = timeRound(texts, compromiseEntities);
    ours.cpu += a.cpu;
    ours.wall += a.wall;
    theirs.cpu += b.cpu;
    theirs.wall += b.wall;
  }
  const nerTokensPerSec = (tokens * rounds) / ours.cpu;
  const compromiseTokensPerSec = (tokens * rounds) / theirs.cpu;
  return {
    nerCorpus: `${name} (${texts.length} articles, ${tokens} tokens)`,
    nerModelBytes: statSync(MODEL).size,
    nerModelLoadMs: Number(loadMs.toFixed(1)),
    nerTokensPerSec: Math.round(nerTokensPerSec),
    compromiseTokensPerSec: Math.round(compromiseTokensPerSec),
    nerSpeedupVsCompromise: Number((nerTokensPerSec / compromiseTokensPerSec).toFixed(1)),
    nerWallTokensPerSec: Math.round((tokens * rounds) / ours.wall),
    compromiseWallTokensPerSec: Math.round((tokens * rounds) / theirs.wall),
  };
}
