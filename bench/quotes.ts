/**
 * Quote extraction cost: time of `findQuotes` as a share of `recognizeEntities` on the same texts
 * (PolNeAR dev when present, else the sample articles), run as `extract` runs them: the entity
 * time includes building the text's Document (tokens, sentences), which the quote steps then
 * read instead of tokenising again. One core, after a warm-up pass. Eight
 * rounds, so the figure is the steady state a warm function sees (with three, the quote code was
 * still being optimised and read 3–5 points higher). The figure is the median round's share;
 * the share over all rounds and the range across rounds are reported beside it.
 */
import { Document } from '#core/nlp/document.ts';
import { recognizeEntities } from '#core/nlp/entities/recognize.ts';
import { findQuotes } from '#core/nlp/quotes/find.ts';
import type { EntityMention } from '#core/types.ts';
import { benchCorpus as corpus } from './corpus.ts';

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const { name, texts } = corpus();
  if (texts.length === 0) throw new Error('no corpus found');
  // Warm-up (model load, JIT) for both steps.
  for (const t of texts.slice(0, 5)) {
    const doc = new Document(t);
    findQuotes(doc, recognizeEntities(doc));
  }
  const rounds = opts.quick ? 1 : 8;
  let nerMs = 0;
  let quoteMs = 0;
  let quotes = 0;
  let chars = 0;
  // Each round's share on its own: the median round is the figure, so one round slowed by the
  // machine (a GC pause, a noisy neighbour) does not move it; the spread is reported beside it.
  const shares: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ner = 0;
    let quote = 0;
    for (const t of texts) {
      const t0 = performance.now();
      const doc = new Document(t);
      const ents: EntityMention[] = recognizeEntities(doc);
      const t1 = performance.now();
      quotes += findQuotes(doc, ents).length;
      const t2 = performance.now();
      ner += t1 - t0;
      quote += t2 - t1;
      chars += t.length;
    }
    nerMs += ner;
    quoteMs += quote;
    shares.push((100 * quote) / ner);
  }
  shares.sort((a, b) => a - b);
  const mid = shares.length >> 1;
  const median = shares.length % 2 ? shares[mid]! : (shares[mid - 1]! + shares[mid]!) / 2;
  return {
    quotesCorpus: `${name} (${texts.length} articles)`,
    quotesShareOfEntityTimePct: Number(median.toFixed(1)),
    quotesShareAllRoundsPct: Number(((100 * quoteMs) / nerMs).toFixed(1)),
    quotesShareRoundRangePct: `${shares[0]!.toFixed(1)}–${shares[shares.length - 1]!.toFixed(1)}`,
    quotesMsPerArticle: Number((quoteMs / (texts.length * rounds)).toFixed(3)),
    entitiesMsPerArticle: Number((nerMs / (texts.length * rounds)).toFixed(3)),
    quotesMBPerSec: Number((chars / 1e6 / (quoteMs / 1000)).toFixed(2)),
    quotesPerArticle: Number((quotes / (texts.length * rounds)).toFixed(2)),
  };
}
