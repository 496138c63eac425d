/**
 * The shipped entity model. The artifact is a JSON module imported statically so the bundler
 * inlines it into the function; it is decoded once, on first use, and kept at module scope.
 */
import type { NerModel } from '../nlp/entities/model.ts';
import { decodeModel, type ModelArtifact } from './format.ts';
import artifact from './ner-model.json' with { type: 'json' };

let cached: NerModel | null = null;

/** The decoded model (decoded on the first call only). */
export function nerModel(): NerModel {
  cached ??= decodeModel(artifact as unknown as ModelArtifact);
  return cached;
}

/** Metadata recorded by the training script. */
export const NER_MODEL_META: Readonly<Record<string, string | number>> =
  (artifact as unknown as ModelArtifact).meta ?? {};
