import { extract } from '#core/nlp/extract.ts';
import { benchCorpus as corpus, countTokens } from './corpus.ts';

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
