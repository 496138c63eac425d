/**
 * Linear time on adversarial input: for each family of bench/adversarial-inputs.ts, parse and
 * extract at sizes n, 2n and 4n and report the growth ratio time(4n) / time(n). Linear work gives
 * about 4; quadratic about 16. A ratio over 6 is flagged as super-linear.
 */
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { extract } from '#core/nlp/extract.ts';
import { FAMILIES, type Family } from './adversarial-inputs.ts';

export const SUPER_LINEAR_RATIO = 6;

/** Parses the bytes, then extracts every body; when parsing rejects the input, extracts the raw text. */
export function parseAndExtract(text: string, filename: string): { articles: number; rejected?: string } {
  const bytes = new TextEncoder().encode(text);
  try {
    const articles = parseObject(bytes, { filename });
    for (const a of articles) extract(a.body);
    return { articles: articles.length };
  } catch (error) {
    if (!(error instanceof UnusableContentError)) throw error;
    extract(text);
    return { articles: 0, rejected: error.reason };
  }
}

/** Best of `reps` timings, in ms: the least disturbed by other work on the machine. */
function time(fn: () => void, reps: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function measure(family: Family, n: number, reps: number) {
  const inputs = [n, 2 * n, 4 * n].map((size) => family.make(size));
  // warm the code paths this family takes before timing
  parseAndExtract(family.make(Math.max(16, Math.floor(n / 8))), family.filename);
  const [t1, t2, t4] = inputs.map((text) => time(() => parseAndExtract(text, family.filename), reps)) as [
    number,
    number,
    number,
  ];
  const outcome = parseAndExtract(inputs[0] as string, family.filename);
  return { t1, t2, t4, chars4n: (inputs[2] as string).length, rejected: outcome.rejected };
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  extract('Warm up: "the model loads once," Ann Lee said.');
  const out: Record<string, number | string> = {};
  const superLinear: string[] = [];
  let worst = 0;
  let slowest = { family: '', charsPerMs: Number.POSITIVE_INFINITY };
  for (const family of FAMILIES) {
    // n is a quarter of the family's stated size, so 4n is the full adversarial input
    const n = Math.max(1, Math.floor(family.fullSize / (opts.quick ? 16 : 4)));
    const reps = 2;
    let m = measure(family, n, reps);
    // a ratio far from 4 on a busy machine is re-measured once before it is reported
    if (m.t4 / m.t1 > SUPER_LINEAR_RATIO) m = measure(family, n, reps);
    const growth = m.t4 / Math.max(m.t1, 0.01);
    worst = Math.max(worst, growth);
    out[`${family.name}N`] = n;
    out[`${family.name}Ms_n`] = round(m.t1);
    out[`${family.name}Ms_2n`] = round(m.t2);
    out[`${family.name}Ms_4n`] = round(m.t4);
    const charsPerMs = m.chars4n / Math.max(m.t4, 0.01);
    out[`${family.name}CharsPerMs_4n`] = Math.round(charsPerMs);
    if (charsPerMs < slowest.charsPerMs) slowest = { family: family.name, charsPerMs };
    out[`${family.name}Growth4x`] = round(growth);
    if (m.rejected) out[`${family.name}ParseRejects`] = m.rejected;
    if (growth > SUPER_LINEAR_RATIO) superLinear.push(family.name);
  }
  out.worstGrowth4x = round(worst);
  // what the slowest family would cost at the function's object-size cap (10 MiB, one char a byte)
  out.slowestFamily = slowest.family;
  out.slowestProjectedSecAt10MiB = round((10 * 1024 * 1024) / slowest.charsPerMs / 1000);
  out.verdict = superLinear.length
    ? `SUPER-LINEAR: ${superLinear.join(', ')}`
    : 'linear (every growth ratio <= 6)';
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;
