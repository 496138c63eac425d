import { extractTraced } from '#core/nlp/extract.ts';
import { formatWeights, type QuoteTrace, type ReportedTrace, spanKey } from '#core/nlp/quotes/find.ts';
import { ALL_RULES } from '#core/nlp/quotes/rules.ts';
import type { Article, Quote } from '#core/types.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { readArticles } from './extract.ts';

const usage = `usage: news-ingest explain [--json] [--candidates N] FILE...

Why each direct quotation got its speaker: for each quotation of each article, the speaker and
cue, the named rules that fired (in order, with what each does), how the speaker was reached
(a cue, a neighbouring quotation, a sentence subject, none), the speaker candidates the model
scored (the rules' pick of a cued quotation marked "rules' pick") and why the winner won. Quotations the extraction drops (titles,
markup, subheads, unattributed terms) are listed too, marked dropped.

Then each reported (indirect) quotation: the rule that read it, the guards checked on its cue
(passed, fired, off), the cue, the content span, the speaker and how the rule reached it, the
confidence filter's score, the speaker model's scores of the candidates around it (shown for
comparison: reported speech keeps its rule's speaker) and why. Reported clauses the confidence
filter dropped and cues a guard refused are listed too, marked dropped.

--json          one JSON object per file: {file, articles: [{title, quotes: [{quote, trace}]}]}
--candidates N  candidates shown per quotation (default 5; all in --json)`;

const DOCS = new Map(ALL_RULES.map((r) => [r.id, r.doc]));

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** One quotation's explanation as text lines. */
export function explainLines(
  text: string,
  t: QuoteTrace,
  q: Quote | undefined,
  n: number,
  maxCandidates: number,
): string[] {
  const lines = [
    `[${n}] ${JSON.stringify(clip(text.slice(t.start, t.end), 100))} (offsets ${t.start}–${t.end})${t.dropped ? ` DROPPED (${t.dropped})` : ''}`,
  ];
  const sp = q?.speaker;
  if (sp) {
    const extra = [sp.type, sp.role && `role "${sp.role}"`].filter(Boolean).join(', ');
    lines.push(
      `    speaker: ${sp.name}${extra ? ` (${extra})` : ''}, from "${sp.mention.text}" at ${sp.mention.start}–${sp.mention.end}`,
    );
  } else if (!t.dropped) lines.push('    speaker: none');
  if (q?.cue) lines.push(`    cue: "${q.cue.text}" at ${q.cue.start}–${q.cue.end}`);
  lines.push(`    reached by: ${t.how}`);
  if (t.rules.length) {
    lines.push('    rules fired:');
    for (const id of t.rules) lines.push(`      ${id.padEnd(30)} ${DOCS.get(id) ?? ''}`);
  } else lines.push('    rules fired: none');
  if (t.candidates.length) {
    lines.push('    candidates (speaker model scores, best first):');
    for (const c of t.candidates.slice(0, maxCandidates)) {
      const who = `${c.name === null ? 'nobody' : `${c.name} ("${c.mention?.text ?? ''}")`}${c.rule ? " (rules' pick)" : ''}`;
      const top = formatWeights(c.weights, 6);
      lines.push(
        `      ${c.score.toFixed(3).padStart(7)}  ${who}${top ? `  [${top}${c.weights.length > 6 ? ', …' : ''}]` : ''}`,
      );
    }
    if (t.candidates.length > maxCandidates)
      lines.push(`      … ${t.candidates.length - maxCandidates} more`);
  }
  lines.push(`    why: ${t.why}`);
  return lines;
}

/** One reported quotation's explanation as text lines. */
export function explainReportedLines(t: ReportedTrace, n: number, maxCandidates: number): string[] {
  const what = t.content
    ? JSON.stringify(clip(t.content.text, 100))
    : `cue ${JSON.stringify(t.cue?.text ?? '')}`;
  const lines = [
    `[R${n}] ${what} (offsets ${t.start}–${t.end})${t.dropped ? ` DROPPED (${t.dropped === 'guard' ? 'a guard refused the cue' : 'confidence filter'})` : ''}`,
  ];
  if (t.rule) lines.push(`    rule: ${t.rule.padEnd(30)} ${DOCS.get(t.rule) ?? ''}`);
  if (t.cue) lines.push(`    cue: "${t.cue.text}" at ${t.cue.start}–${t.cue.end}`);
  if (t.content) lines.push(`    content: ${t.content.start}–${t.content.end}`);
  if (t.guards.length) {
    lines.push('    guards:');
    for (const g of t.guards)
      lines.push(`      ${g.id.padEnd(30)} ${g.outcome.padEnd(6)} ${DOCS.get(g.id) ?? ''}`);
  }
  if (t.rule) lines.push(`    speaker: ${t.speaker ?? 'nobody'} (${t.via})`);
  if (t.confidence)
    lines.push(
      `    confidence: ${t.confidence.probability.toFixed(3)} (threshold ${t.confidence.threshold})`,
    );
  if (t.candidates.length) {
    lines.push("    candidates (speaker model scores, for comparison; the rule's pick stands):");
    for (const c of t.candidates.slice(0, maxCandidates)) {
      const who = `${c.name === null ? 'nobody' : `${c.name} ("${c.mention?.text ?? ''}")`}${c.rule ? " (rule's pick)" : ''}`;
      const top = formatWeights(c.weights, 4);
      lines.push(
        `      ${c.score.toFixed(3).padStart(7)}  ${who}${top ? `  [${top}${c.weights.length > 4 ? ', …' : ''}]` : ''}`,
      );
    }
    if (t.candidates.length > maxCandidates)
      lines.push(`      … ${t.candidates.length - maxCandidates} more`);
  }
  lines.push(`    why: ${t.why}`);
  return lines;
}

export const command: Command = {
  name: 'explain',
  summary: 'explain how each quotation got its speaker',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      candidates: { type: 'string' },
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (!positionals.length) throw new UsageError('give one or more article files');
    const maxCandidates = values.candidates === undefined ? 5 : Number(values.candidates);
    if (!Number.isInteger(maxCandidates) || maxCandidates < 0)
      throw new UsageError('--candidates needs a whole number');
    let status = 0;
    const json: unknown[] = [];
    for (const file of positionals) {
      let articles: Article[];
      try {
        articles = await readArticles(file);
      } catch (error) {
        status = 1;
        process.stderr.write(
          `news-ingest explain: ${file}: ${(error as Error).message.replace(/\s+/g, ' ')}\n`,
        );
        continue;
      }
      const out: unknown[] = [];
      articles.forEach((article, a) => {
        const { quotes, traces, reported } = extractTraced(article.body);
        const direct = new Map(quotes.filter((q) => q.type === 'direct').map((q) => [spanKey(q), q]));
        const indirect = new Map(quotes.filter((q) => q.type === 'indirect').map((q) => [spanKey(q), q]));
        if (values.json) {
          out.push({
            ...(article.title ? { title: article.title } : {}),
            quotes: traces.map((t) => ({ quote: direct.get(spanKey(t)) ?? null, trace: t })),
            reported: reported.map((t) => ({
              quote: t.dropped ? null : (indirect.get(spanKey(t)) ?? null),
              trace: t,
            })),
          });
          return;
        }
        const head = `${file}${articles.length > 1 ? ` — article ${a + 1}` : ''}${article.title ? `: ${article.title}` : ''}`;
        const lines = [head, `${traces.length} direct quotation(s)`];
        traces.forEach((t, n) => {
          lines.push(...explainLines(article.body, t, direct.get(spanKey(t)), n + 1, maxCandidates));
        });
        lines.push(`${reported.length} reported quotation(s) and refused cue(s)`);
        reported.forEach((t, n) => {
          lines.push(...explainReportedLines(t, n + 1, maxCandidates));
        });
        process.stdout.write(`${lines.join('\n')}\n\n`);
      });
      if (values.json) json.push({ file, articles: out });
    }
    if (values.json) process.stdout.write(`${JSON.stringify(json.length === 1 ? json[0] : json)}\n`);
    return status;
  },
};
