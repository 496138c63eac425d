/**
 * `news-ingest eval ner --data FILE`: entity-level precision, recall and F1 per type and overall,
 * with conlleval semantics, on CoNLL-format data. Each `-DOCSTART-` block is one document whose
 * tokens are joined by single spaces and sentences by newlines; the text goes through the same
 * `extract` the Lambda runs, and predicted mentions are mapped back to tokens by their offsets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Chunk, ConllScorer, chunksOf, conllText, parseConll } from '../../core/nlp/entities/conll.ts';
import { extract } from '../../core/nlp/extract.ts';
import type { EntityMention } from '../../core/types.ts';
import { parse } from '../args.ts';
import { UsageError } from '../command.ts';

const usage = `usage: news-ingest eval ner --data FILE [--json] [--errors N]
       news-ingest eval ner --news [--data DIR] [--json] [--errors [N]]

Scores PERSON/ORGANIZATION/LOCATION/MISC (as PER/ORG/LOC/MISC) on a CoNLL-2003 format file, or
with --news on the hand-annotated news bodies of the article-html data (see --news --help).`;

const CONLL_TYPE: Partial<Record<string, string>> = {
  PERSON: 'PER',
  ORGANIZATION: 'ORG',
  LOCATION: 'LOC',
  MISC: 'MISC',
};

/** Maps character-offset mentions to token chunks, sentence by sentence. */
export function mentionsToChunks(
  mentions: readonly EntityMention[],
  offsets: readonly (readonly [number, number])[][],
): Chunk[][] {
  const out: Chunk[][] = offsets.map(() => []);
  const flat: { s: number; t: number; start: number; end: number }[] = [];
  offsets.forEach((so, s) => {
    so.forEach(([start, end], t) => {
      flat.push({ s, t, start, end });
    });
  });
  let k = 0;
  for (const m of mentions) {
    const type = CONLL_TYPE[m.type];
    if (!type) continue;
    while (k < flat.length && flat[k]!.end <= m.start) k++;
    const first = flat[k];
    if (!first || first.start >= m.end) continue;
    let j = k;
    while (j + 1 < flat.length && flat[j + 1]!.start < m.end && flat[j + 1]!.s === first.s) j++;
    out[first.s]!.push({ type, start: first.t, end: flat[j]!.t + 1 });
  }
  return out;
}

export interface NerEvalResult {
  readonly documents: number;
  readonly tokens: number;
  readonly seconds: number;
  readonly overall: ReturnType<ConllScorer['overall']>;
  readonly byType: Record<string, ReturnType<ConllScorer['overall']>>;
}

export function evaluateConll(content: string, onError?: (line: string) => void): NerEvalResult {
  const docs = parseConll(content);
  const scorer = new ConllScorer();
  let tokens = 0;
  let seconds = 0;
  for (const doc of docs) {
    const { text, offsets } = conllText(doc);
    const t0 = performance.now();
    const { entities } = extract(text);
    seconds += (performance.now() - t0) / 1000;
    const predicted = mentionsToChunks(entities, offsets);
    doc.sentences.forEach((s, i) => {
      tokens += s.tokens.length;
      const gold = chunksOf(s.tags);
      const pred = predicted[i]!;
      scorer.add(gold, pred);
      if (onError) {
        const key = (c: Chunk) => `${c.start}:${c.end}:${c.type}`;
        const g = new Set(gold.map(key));
        const p = new Set(pred.map(key));
        const show = (c: Chunk) => `${c.type} ${s.tokens.slice(c.start, c.end).join(' ')}`;
        for (const c of gold) if (!p.has(key(c))) onError(`missed   ${show(c)}  | ${s.tokens.join(' ')}`);
        for (const c of pred) if (!g.has(key(c))) onError(`spurious ${show(c)}  | ${s.tokens.join(' ')}`);
      }
    });
  }
  return {
    documents: docs.length,
    tokens,
    seconds,
    overall: scorer.overall(),
    byType: Object.fromEntries(scorer.byType()),
  };
}

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6);
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--news')) return (await import('./ner-news.ts')).run(argv);
  const { values } = parse(
    argv,
    { data: { type: 'string' }, json: { type: 'boolean' }, errors: { type: 'string' } },
    false,
  );
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (!values.data) throw new UsageError('--data FILE is required');
  const content = readFileSync(values.data, 'utf8');
  const maxErrors = values.errors ? Number(values.errors) : 0;
  const errors: string[] = [];
  const result = evaluateConll(
    content,
    maxErrors > 0 ? (l) => errors.length < maxErrors && errors.push(l) : undefined,
  );
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return 0;
  }
  const lines = [
    `${result.documents} documents, ${result.tokens} tokens, extract ${(result.tokens / result.seconds).toFixed(0)} tokens/s`,
    'type       precision  recall      F1    gold  predicted',
  ];
  const row = (name: string, s: NerEvalResult['overall']) =>
    `${name.padEnd(9)}  ${pct(s.precision)}    ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.gold).padStart(6)}  ${String(s.predicted).padStart(9)}`;
  for (const [t, s] of Object.entries(result.byType)) lines.push(row(t, s));
  lines.push(row('overall', result.overall));
  for (const e of errors) lines.push(e);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
