/**
 * Quote extraction cost: time of `findQuotes` as a share of `recognizeEntities` on the same texts
 * (PolNeAR dev when present, else the sample articles), one core, after a warm-up pass. Eight
 * rounds, so the figure is the steady state a warm function sees (with three, the quote code was
 * still being optimised and read 3–5 points higher).
 */
import { recognizeEntities } from '#core/nlp/entities/recognize.ts';
import { findQuotes } from '#core/nlp/quotes/find.ts';
import type { EntityMention } from '#core/types.ts';
import { benchCorpus as corpus } from './corpus.ts';

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const { name, texts } = corpus();
  if (texts.length === 0) throw new Error('no corpus found');
  // Warm-up (model load, JIT) for both steps.
  const warm = texts.slice(0, 5).map((t) => recognizeEntities(t));
  texts.slice(0, 5).forEach((t, i) => {
    findQuotes(t, warm[i]!);
  });
  const rounds = opts.quick ? 1 : 8;
  let nerMs = 0;
  let quoteMs = 0;
  let quotes = 0;
  let chars = 0;
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      const ents: EntityMention[] = recognizeEntities(t);
      const t1 = performance.now();
      quotes += findQuotes(t, ents).length;
      const t2 = performance.now();
      nerMs += t1 - t0;
      quoteMs += t2 - t1;
      chars += t.length;
    }
  }
  return {
    quotesCorpus: `${name} (${texts.length} articles)`,
    quotesShareOfEntityTimePct: Number(((100 * quoteMs) / nerMs).toFixed(1)),
    quotesMsPerArticle: Number((quoteMs / (texts.length * rounds)).toFixed(3)),
    entitiesMsPerArticle: Number((nerMs / (texts.length * rounds)).toFixed(3)),
    quotesMBPerSec: Number((chars / 1e6 / (quoteMs / 1000)).toFixed(2)),
    quotesPerArticle: Number((quotes / (texts.length * rounds)).toFixed(2)),
  };
}
