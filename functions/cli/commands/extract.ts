import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { groupEntities } from '#core/nlp/entities/group.ts';
import { extract } from '#core/nlp/extract.ts';
import type { Extraction } from '#core/types.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';

const usage = `usage: news-ingest extract FILE...
       news-ingest extract --jsonl < input.jsonl > output.jsonl

FILE...   article files in any supported format; prints each file's parsed metadata and
          extraction (entities with canonical names, quotes with speakers) as JSON
--jsonl   read JSON lines {"id": string, "text": string} on stdin; write exactly one line
          {"id", "entities", "quotes"} per input line on stdout, offsets into "text"; an entity
          mention carries "role" when the text gives a title or position with it ("Ambassador")`;

/** The extraction as the JSON contract spells it: the fields of the API and nothing else. */
export function toContract(extraction: Extraction) {
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
    })),
  };
}

async function runJsonl(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let bad = 0;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let id: unknown = null;
    try {
      const input = JSON.parse(line) as { id?: unknown; text?: unknown };
      id = input.id ?? null;
      if (typeof input.text !== 'string') throw new Error('"text" must be a string');
      process.stdout.write(`${JSON.stringify({ id, ...toContract(extract(input.text)) })}\n`);
    } catch (error) {
      bad++;
      process.stderr.write(`line ${n}: ${(error as Error).message}\n`);
      process.stdout.write(
        `${JSON.stringify({ id, entities: [], quotes: [], error: (error as Error).message })}\n`,
      );
    }
  }
  return bad ? 1 : 0;
}

export const command: Command = {
  name: 'extract',
  summary: 'extract entities and quotes',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, { jsonl: { type: 'boolean' } });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    if (values.jsonl) {
      if (positionals.length) throw new UsageError('--jsonl reads standard input; give no files');
      return runJsonl();
    }
    if (!positionals.length) throw new UsageError('give one or more files, or --jsonl');
    let status = 0;
    const out: unknown[] = [];
    for (const file of positionals) {
      try {
        const articles = parseObject(new Uint8Array(await readFile(file)), { filename: file });
        out.push({
          file,
          articles: articles.map((article) => {
            const extraction = extract(article.body);
            const { body, ...meta } = article;
            return {
              ...meta,
              ...toContract(extraction),
              grouped: groupEntities(extraction.entities).map(({ spans, ...g }) => g),
              bodyChars: body.length,
            };
          }),
        });
      } catch (error) {
        status = 1;
        const reason = error instanceof UnusableContentError ? error.reason : 'READ_ERROR';
        out.push({ file, error: { reason, message: (error as Error).message } });
      }
    }
    process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
    return status;
  },
};
