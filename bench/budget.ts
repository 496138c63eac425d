/**
 * The time budget of one record: the slowest parse-and-extract of one object at the size caps,
 * over the adversarial families (bench/adversarial-inputs.ts) and a long ordinary article, with
 * the function's own limits (10 MiB objects, 1,000,000-character bodies, extraction capped at
 * 200,000 characters). docs/reliability.md sizes the function timeout, the per-record deadline
 * reserve and the queue's visibility timeout from these figures.
 */
import { DEFAULT_INGEST_LIMITS, processBytes } from '#ingest/ingest-object.ts';
import { articleText } from '../test/load/harness.ts';
import { FAMILIES } from './adversarial-inputs.ts';

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number | string>> {
  const limits = DEFAULT_INGEST_LIMITS;
  const target = quick ? 300_000 : (limits.maxBodyChars ?? 1_000_000) - 1_000;
  const out: Record<string, number | string> = { maxExtractChars: limits.maxExtractChars ?? 0 };
  let worst = { name: '', ms: 0 };
  const inputs: [string, string, string][] = FAMILIES.map((f) => {
    // grow n until the text reaches the body size just under the body cap
    let n = Math.max(1, Math.floor(f.fullSize / 8));
    let text = f.make(n);
    while (text.length < target && n < 1e8) {
      n = Math.ceil(n * (target / Math.max(1, text.length)) * 1.05);
      text = f.make(n);
    }
    return [f.name, f.filename, text.slice(0, target)];
  });
  const ordinary = Array.from({ length: 4000 }, (_, i) =>
    articleText(i, 1).text.split('\n\n').slice(4).join('\n\n'),
  );
  inputs.push([
    'longArticle',
    'long.txt',
    `Daily Planet\n\nA long report\n\n${ordinary.join('\n\n')}`.slice(0, target),
  ]);
  for (const [name, filename, text] of inputs) {
    const bytes = new TextEncoder().encode(text);
    const started = performance.now();
    const outcome = processBytes(bytes, filename, {}, limits);
    const ms = Math.round(performance.now() - started);
    out[`${name}Ms`] = ms;
    if (outcome.status === 'processed') {
      const a = outcome.articles[0];
      out[`${name}Items`] = (a?.entities.length ?? 0) + (a?.extraction.quotes.length ?? 0);
    } else out[`${name}Items`] = `failed ${outcome.reason}`;
    if (ms > worst.ms) worst = { name, ms };
  }
  out.bodyChars = target;
  out.worstFamily = worst.name;
  out.worstRecordMs = worst.ms;
  return out;
}
