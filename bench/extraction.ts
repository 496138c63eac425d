import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '#core/nlp/extract.ts';

const POLNEAR_DEV = join(import.meta.dirname, '..', '..', 'shared', 'data', 'polnear', 'dev', 'text');
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
  const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')) : [];
  return { name: 'events/articles samples', texts: files.map((f) => readFileSync(join(SAMPLES, f), 'utf8')) };
}

/** Extraction (entities and quotes) throughput on one core, after a warm-up pass. */
export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const { name, texts } = corpus();
  if (texts.length === 0) throw new Error('no corpus found');
  const firstStart = performance.now();
  extract(texts[0] as string);
  const firstCallMs = performance.now() - firstStart;
  for (const t of texts.slice(0, 5)) extract(t);
  const rounds = opts.quick ? 1 : 3;
  let tokens = 0;
  let chars = 0;
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      extract(t);
      tokens += countTokens(t);
      chars += t.length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    corpus: `${name} (${texts.length} articles)`,
    extractionFirstCallMs: Math.round(firstCallMs),
    extractionTokensPerSec: Math.round(tokens / seconds),
    extractionArticlesPerSec: Math.round((texts.length * rounds) / seconds),
    extractionMBPerSec: Number((chars / 1e6 / seconds).toFixed(2)),
  };
}
