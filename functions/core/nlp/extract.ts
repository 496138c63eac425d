import type { Extraction } from '../types.ts';
import { Document } from './document.ts';
import { recognizeEntities } from './entities/recognize.ts';
import { explainQuotes, findQuotes, type QuoteTrace, type ReportedTrace } from './quotes/find.ts';

/** Version of the whole extractor, stored on every item so outdated results can be reprocessed. */
export { EXTRACTOR_VERSION } from './version.ts';

/**
 * The one extraction entry point used by the Lambda, the CLI and the evals.
 * Pure: no I/O, no clock, no environment. All offsets are UTF-16, half-open, into `text`.
 */
export function extract(text: string): Extraction {
  // One document for both halves: tokens, sentences and paragraphs are read once.
  const doc = new Document(text);
  const entities = recognizeEntities(doc);
  const quotes = findQuotes(doc, entities);
  return { entities, quotes };
}

/**
 * The extraction with, for each direct quotation (kept or dropped), the rules that fired, the
 * speaker candidates the model scored and why the speaker won; for each reported quotation (kept,
 * dropped by the confidence filter, or a cue a guard refused), the rule, guards, cue, content,
 * speaker and why. The extraction is the same as extract(text) gives.
 */
export function extractTraced(
  text: string,
): Extraction & { readonly traces: readonly QuoteTrace[]; readonly reported: readonly ReportedTrace[] } {
  const doc = new Document(text);
  const entities = recognizeEntities(doc);
  const { quotes, traces, reported } = explainQuotes(doc, entities);
  return { entities, quotes, traces, reported };
}
