/**
 * The shipped confidence filter of quotations (weights of confidence.ts features and the
 * thresholds), a JSON module the bundler inlines. Built by `npm run train:speakers` from PolNeAR
 * train.
 */
import { FILTER_MODEL_FORMAT, type FilterModel } from '../nlp/quotes/confidence.ts';
import artifact from './quote-filter.json' with { type: 'json' };

function load(a: unknown): FilterModel {
  const m = a as FilterModel;
  if (m.format !== FILTER_MODEL_FORMAT) throw new Error(`quote filter: unknown format ${String(m.format)}`);
  return m;
}

export const QUOTE_FILTER: FilterModel = load(artifact);
