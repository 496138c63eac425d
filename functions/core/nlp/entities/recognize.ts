import { nerModel } from '../../model/ner.ts';
import type { EntityMention, EntityType } from '../../types.ts';
import { splitSentencesOfTokens, tokenize } from '../tokenize.ts';
import { documentFeatures } from './features.ts';
import { canonicalize } from './group.ts';
import { emissions, labelSpans, type NerModel, viterbi } from './model.ts';
import { findNumeric } from './numeric.ts';

export { groupEntities } from './group.ts';

const TYPE_NAMES: Record<string, EntityType> = {
  PER: 'PERSON',
  ORG: 'ORGANIZATION',
  LOC: 'LOCATION',
  MISC: 'MISC',
};

/** Named mentions (PERSON, ORGANIZATION, LOCATION, MISC) predicted by the trained model, without canonical names. */
export function recognizeNamed(
  text: string,
  model: NerModel = nerModel(),
): Omit<EntityMention, 'canonical'>[] {
  const tokens = tokenize(text);
  const sentences = splitSentencesOfTokens(text, tokens);
  const norms = tokens.map((t) => t.norm);
  const feats = documentFeatures(norms, sentences, model);
  const out: Omit<EntityMention, 'canonical'>[] = [];
  for (const s of sentences) {
    const labels = viterbi(emissions(model, feats, s.first, s.last), s.last - s.first, model.transitions);
    for (const sp of labelSpans(labels)) {
      const start = tokens[s.first + sp.start]!.start;
      const end = tokens[s.first + sp.end - 1]!.end;
      out.push({ type: TYPE_NAMES[sp.type]!, start, end, text: text.slice(start, end) });
    }
  }
  return out;
}

/**
 * Entity mentions of `text`, sorted by start: the trained model's named entities plus rule-based
 * MONEY, PERCENT and DATE (which never overlap a named mention), each carrying the canonical name
 * of its in-document entity.
 */
export function recognizeEntities(text: string): EntityMention[] {
  const named = recognizeNamed(text);
  const all: Omit<EntityMention, 'canonical'>[] = [...named];
  let k = 0;
  for (const n of findNumeric(text)) {
    while (k < named.length && named[k]!.end <= n.start) k++;
    const overlaps = k < named.length && named[k]!.start < n.end;
    if (!overlaps) all.push(n);
  }
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  return canonicalize(all);
}
