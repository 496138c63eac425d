/**
 * Web-page reading speed: pages per CPU second of news-ingest's HTML reader (metadata, body and,
 * on weak pages, the Readability.js second opinion) against Readability.js as its users run it (a
 * linkedom document, its article cut into paragraphs), on the same decoded pages in the same
 * run. Each page is read by both in turn, after a warm-up round; CPU time keeps other load on
 * the shared machine out of the figures, and each side's best round counts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeText } from '#core/article/encoding.ts';
import { htmlToParagraphs, readHtml } from '#core/article/formats/html/index.ts';
import { cpuMs } from '../functions/cli/eval/html.ts';

const PAGES = join(import.meta.dirname, '..', '..', 'shared', 'data', 'article-html', 'html');

function ours(html: string, secondOpinion: boolean): void {
  try {
    readHtml(html, { secondOpinion });
  } catch {
    // NO_BODY costs the same work
  }
}

function readability(html: string): void {
  const { document } = parseHTML(html);
  const result = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  htmlToParagraphs(result?.content ?? '');
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  if (!existsSync(PAGES)) throw new Error(`no pages at ${PAGES} (the article-html development set)`);
  const pages = readdirSync(PAGES)
    .filter((f) => /\.html(?:\.gz)?$/.test(f))
    .sort()
    .map((f) => {
      const bytes = new Uint8Array(readFileSync(join(PAGES, f)));
      return decodeText(f.endsWith('.gz') ? new Uint8Array(gunzipSync(bytes)) : bytes).text;
    });
  for (const p of pages) {
    ours(p, true);
    readability(p);
  }
  const rounds = opts.quick ? 1 : 5;
  const best = { ours: Infinity, ownOnly: Infinity, readability: Infinity };
  for (let r = 0; r < rounds; r++) {
    const ms = { ours: 0, ownOnly: 0, readability: 0 };
    for (const p of pages) {
      let t = process.cpuUsage();
      ours(p, true);
      ms.ours += cpuMs(t);
      t = process.cpuUsage();
      ours(p, false);
      ms.ownOnly += cpuMs(t);
      t = process.cpuUsage();
      readability(p);
      ms.readability += cpuMs(t);
    }
    for (const k of Object.keys(best) as (keyof typeof best)[]) best[k] = Math.min(best[k], ms[k]);
  }
  const ms = best;
  const perSecond = (total: number) => Math.round((pages.length / total) * 1000);
  return {
    pages: `${pages.length} article-html development pages, best of ${rounds} round(s)`,
    htmlPagesPerCpuSecond: perSecond(ms.ours),
    htmlPagesPerCpuSecondWithoutSecondOpinion: perSecond(ms.ownOnly),
    readabilityPagesPerCpuSecond: perSecond(ms.readability),
    htmlSpeedRatioToReadability: Number((ms.readability / ms.ours).toFixed(2)),
  };
}
