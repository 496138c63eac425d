import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { groupEntities } from '#core/nlp/entities/group.ts';
import { extract, extractTraced } from '#core/nlp/extract.ts';
import { type QuoteTrace, type ReportedTrace, spanKey } from '#core/nlp/quotes/find.ts';
import type { Article, Extraction } from '#core/types.ts';
import { DEFAULT_INGEST_LIMITS, DEFAULT_MAX_BODY_CHARS } from '#ingest/ingest-object.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { type ErrorLine, errorLine, jsonlExitCode } from '../jsonl.ts';

const MAX_BODY_CHARS = DEFAULT_INGEST_LIMITS.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;

const usage = `usage: news-ingest extract [--trace] FILE...
       news-ingest extract --jsonl [--trace] < input.jsonl > output.jsonl

FILE...   article files in any supported format; prints each file's parsed metadata and
          extraction (entities with canonical names, quotes with speakers) as JSON
--jsonl   read JSON lines {"id": string, "text": string} on stdin; write exactly one line
          {"id", "entities", "quotes"} per input line on stdout, offsets into "text" (an entity
          mention carries "role" when the text gives a title or position with it,
          "Ambassador"), or {"id", "error": {"reason", "message"}} for an input that cannot
          be used; exits 1 when any input could not be used
--trace   each direct quote also carries "trace": the rules that fired for it, how its speaker
          was reached, the speaker candidates with the model's scores and why the speaker won;
          each indirect quote carries "trace": the rule that read it, the guards checked on its
          cue, the cue, the content span, how the rule reached the speaker, the confidence,
          the speaker model's scores of the candidates around it (for comparison) and why; and
          "reportedDropped" lists the reported clauses the confidence filter dropped and the
          cues a guard refused (without --trace the output is exactly as above)

The pipeline's limits apply: files over ${DEFAULT_INGEST_LIMITS.maxObjectBytes} bytes, gzip content over
${DEFAULT_INGEST_LIMITS.maxDecompressedBytes} bytes and bodies or texts over ${MAX_BODY_CHARS} characters are TOO_LARGE.`;

/** A file or text the pipeline would refuse as too large. */
function tooLarge(message: string): UnusableContentError {
  return new UnusableContentError('TOO_LARGE', message);
}

/** One input line to one output line: the extraction, or the error shape `--jsonl` modes share. */
export function extractLine(
  line: string,
  trace = false,
): ({ id: unknown } & ReturnType<typeof toContract>) | ErrorLine {
  let input: { id?: unknown; text?: unknown };
  try {
    input = JSON.parse(line) as typeof input;
  } catch (error) {
    return errorLine(null, new Error(`the input line is not JSON: ${(error as Error).message}`), 'BAD_INPUT');
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return errorLine(null, new Error('the input line is not a JSON object'), 'BAD_INPUT');
  const id = input.id ?? null;
  if (typeof input.text !== 'string') return errorLine(id, new Error('"text" must be a string'), 'BAD_INPUT');
  if (input.text.length > MAX_BODY_CHARS)
    return errorLine(
      id,
      tooLarge(`the text has ${input.text.length} characters, over the ${MAX_BODY_CHARS}-character limit`),
    );
  try {
    if (!trace) return { id, ...toContract(extract(input.text)) };
    const traced = extractTraced(input.text);
    return { id, ...toContract(traced, traced.traces, traced.reported) };
  } catch (error) {
    return errorLine(id, error);
  }
}

/** A quote's trace as extract --trace writes it. */
function traceField(t: QuoteTrace) {
  return {
    how: t.how,
    rules: t.rules,
    candidates: t.candidates.map((c) => ({
      name: c.name,
      mention: c.mention ? { text: c.mention.text, start: c.mention.start, end: c.mention.end } : null,
      score: Math.round(c.score * 1000) / 1000,
      features: c.features,
      weights: c.weights,
    })),
    why: t.why,
  };
}

/** A reported quotation's trace as extract --trace writes it. */
export function reportedField(t: ReportedTrace) {
  return {
    rule: t.rule,
    guards: t.guards,
    cue: t.cue ? { text: t.cue.text, start: t.cue.start, end: t.cue.end } : null,
    content: t.content ? { text: t.content.text, start: t.content.start, end: t.content.end } : null,
    speaker: t.speaker,
    via: t.via,
    confidence: t.confidence
      ? { probability: Math.round(t.confidence.probability * 1000) / 1000, threshold: t.confidence.threshold }
      : null,
    dropped: t.dropped,
    candidates: t.candidates.map((c) => ({
      name: c.name,
      mention: c.mention ? { text: c.mention.text, start: c.mention.start, end: c.mention.end } : null,
      score: Math.round(c.score * 1000) / 1000,
      rule: c.rule,
      weights: c.weights,
    })),
    why: t.why,
  };
}

/**
 * The extraction as the JSON contract spells it: the fields of the API and nothing else (and a
 * "trace" on each quote, and the dropped reported clauses, when traces are given).
 */
export function toContract(
  extraction: Extraction,
  traces?: readonly QuoteTrace[],
  reported?: readonly ReportedTrace[],
) {
  const traceOf = new Map(traces?.map((t) => [spanKey(t), t]));
  const reportedOf = new Map(reported?.filter((t) => !t.dropped).map((t) => [spanKey(t), t]));
  return {
    entities: extraction.entities.map((e) => ({
      type: e.type,
      text: e.text,
      start: e.start,
      end: e.end,
      canonical: e.canonical,
      ...(e.role ? { role: e.role } : {}),
    })),
    quotes: extraction.quotes.map((q) => ({
      type: q.type,
      text: q.text,
      start: q.start,
      end: q.end,
      cue: q.cue ? { text: q.cue.text, start: q.cue.start, end: q.cue.end } : null,
      speaker: q.speaker
        ? {
            name: q.speaker.name,
            mention: {
              text: q.speaker.mention.text,
              start: q.speaker.mention.start,
              end: q.speaker.mention.end,
            },
            ...(q.speaker.role ? { role: q.speaker.role } : {}),
          }
        : null,
      ...(q.type === 'direct' && traceOf.has(spanKey(q))
        ? { trace: traceField(traceOf.get(spanKey(q))!) }
        : {}),
      ...(q.type === 'indirect' && reportedOf.has(spanKey(q))
        ? { trace: reportedField(reportedOf.get(spanKey(q))!) }
        : {}),
    })),
    ...(reported ? { reportedDropped: reported.filter((t) => t.dropped).map(reportedField) } : {}),
  };
}

async function runJsonl(trace: boolean): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let failed = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = extractLine(line, trace);
    if ('error' in out) failed++;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return jsonlExitCode('extract', failed);
}

/** A file's articles, read with the pipeline's limits (size, decompressed size, body length). */
export async function readArticles(file: string): Promise<Article[]> {
  const size = (await stat(file)).size;
  if (size > DEFAULT_INGEST_LIMITS.maxObjectBytes)
    throw tooLarge(`object is ${size} bytes, over the ${DEFAULT_INGEST_LIMITS.maxObjectBytes}-byte limit`);
  const articles = parseObject(
    new Uint8Array(await readFile(file)),
    { filename: file },
    DEFAULT_INGEST_LIMITS,
  );
  articles.forEach((article, index) => {
    if (!article.retracted && article.body.length > MAX_BODY_CHARS)
      throw tooLarge(
        `article ${index} has a body of ${article.body.length} characters, over the ${MAX_BODY_CHARS}-character limit`,
      );
  });
  return articles;
}

export const command: Command = {
  name: 'extract',
  summary: 'extract entities and quotes',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, { jsonl: { type: 'boolean' }, trace: { type: 'boolean' } });
    const trace = values.trace === true;
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (values.jsonl) {
      if (positionals.length) throw new UsageError('--jsonl reads standard input; give no files');
      return runJsonl(trace);
    }
    if (!positionals.length) throw new UsageError('give one or more files, or --jsonl');
    let status = 0;
    const out: unknown[] = [];
    for (const file of positionals) {
      try {
        const articles = await readArticles(file);
        out.push({
          file,
          articles: articles.map((article) => {
            const traced = trace ? extractTraced(article.body) : undefined;
            const extraction = traced ?? extract(article.body);
            const { body, ...meta } = article;
            return {
              ...meta,
              ...toContract(extraction, traced?.traces, traced?.reported),
              grouped: groupEntities(extraction.entities).map(({ spans, ...g }) => g),
              bodyChars: body.length,
            };
          }),
        });
      } catch (error) {
        status = 1;
        const reason = error instanceof UnusableContentError ? error.reason : 'READ_ERROR';
        const message = (error as Error).message;
        process.stderr.write(`news-ingest extract: ${file}: ${reason} ${message.replace(/\s+/g, ' ')}\n`);
        out.push({ file, error: { reason, message } });
      }
    }
    process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
    return status;
  },
};
