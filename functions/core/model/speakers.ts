/**
 * The shipped speaker-choice model (weights of rank.ts features), a JSON module the bundler
 * inlines. Built by `npm run train:speakers` from PolNeAR train.
 */
import { SPEAKER_MODEL_FORMAT, type SpeakerModel } from '../nlp/quotes/rank.ts';
import artifact from './speaker-model.json' with { type: 'json' };

function load(a: unknown): SpeakerModel {
  const m = a as SpeakerModel;
  if (m.format !== SPEAKER_MODEL_FORMAT) throw new Error(`speaker model: unknown format ${String(m.format)}`);
  return m;
}

export const SPEAKER_MODEL: SpeakerModel = load(artifact);
