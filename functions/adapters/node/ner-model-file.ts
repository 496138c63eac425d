/**
 * The entity model's bytes from a file, for the core (which reads no files): the binary artifact
 * next to the running module (the function bundle's `ner-model.bin`, copied there at bundling),
 * else the committed artifact in the source tree (the CLI, scripts and tests under tsx).
 *
 *   NER_MODEL_FILE=/tmp/m.bin npm run -s eval -- ner   (score a model trained with --out)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setNerModelSource } from '#core/model/ner.ts';

/** The artifact's file name, in the source tree and in the function bundle. */
export const NER_MODEL_FILE_NAME = 'ner-model.bin';

/** The committed artifact in the source tree (what `npm run train:ner` writes). */
export const NER_MODEL_SOURCE_PATH = fileURLToPath(
  new URL(`../../core/model/${NER_MODEL_FILE_NAME}`, import.meta.url),
);

/**
 * Where the artifact is read from: the file named by `NER_MODEL_FILE` (a model trained for tuning),
 * else beside the running module when it is there, else the source tree.
 */
export function nerModelPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.NER_MODEL_FILE) return env.NER_MODEL_FILE;
  // in the bundle every module's import.meta.url is the bundle's: the file copied beside it
  const beside = fileURLToPath(new URL(`./${NER_MODEL_FILE_NAME}`, import.meta.url));
  return existsSync(beside) ? beside : NER_MODEL_SOURCE_PATH;
}

/** Makes the core read the entity model from `path` (default: nerModelPath()) on first use. */
export function useNerModelFile(path: string = nerModelPath()): void {
  setNerModelSource(() => readFileSync(path));
}
