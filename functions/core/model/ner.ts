/**
 * The shipped entity model. Its artifact is a binary file (functions/core/model/ner-model.bin, see
 * format.ts) that the core never reads itself: whoever runs the core (the function handler, the
 * CLI, the scripts, the tests) names where the bytes come from with `setNerModelSource`, through a
 * Node adapter (functions/adapters/node/ner-model-file.ts). The bytes are fetched and decoded once,
 * on first use, and the model is kept at module scope. Keeping the 2.4 MB of weights out of the
 * JavaScript bundle spares V8 parsing them as a literal at every cold start.
 */
import type { NerModel } from '../nlp/entities/model.ts';
import { decodeModelBinary } from './format.ts';

let source: (() => Uint8Array) | null = null;
let cached: NerModel | null = null;

/**
 * Where the model's bytes (the binary artifact) come from; called once, on first use. Setting
 * another source drops a model decoded from the previous one.
 */
export function setNerModelSource(load: () => Uint8Array): void {
  source = load;
  cached = null;
}

/** Whether a source is set. */
export function hasNerModelSource(): boolean {
  return source !== null;
}

/** The decoded model (fetched and decoded on the first call only). */
export function nerModel(): NerModel {
  if (cached) return cached;
  if (!source) {
    throw new Error(
      'no entity model source: call setNerModelSource (e.g. useNerModelFile() from functions/adapters/node/ner-model-file.ts) before extracting',
    );
  }
  cached = decodeModelBinary(source());
  return cached;
}
