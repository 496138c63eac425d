import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
const POLNEAR_DEV = join(DATA, 'polnear', 'dev', 'text');
const SEED = join(DATA, 'seed', '000_46fdc26a7eb5e5c7.txt');
const SAMPLES = join(import.meta.dirname, '..', 'events', 'articles');

/** Whitespace-separated words: the token count used for every throughput figure. */
export const countTokens = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const textFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));

/**
 * The benchmark corpus, named in every report: the PolNeAR dev texts when ../shared/data is
 * present, else the seed article, else the sample articles of events/.
 */
export function benchCorpus(): { name: string; texts: string[] } {
  if (existsSync(POLNEAR_DEV)) return { name: 'PolNeAR dev texts', texts: textFiles(POLNEAR_DEV) };
  if (existsSync(SEED)) return { name: 'seed article', texts: [readFileSync(SEED, 'utf8')] };
  return { name: 'events/articles samples', texts: existsSync(SAMPLES) ? textFiles(SAMPLES) : [] };
}
