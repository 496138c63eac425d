import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type ParsedObject, parseObjectDetailed } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import type { Article } from '#core/types.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { errorLine, jsonlExitCode } from '../jsonl.ts';

const usage = `usage: news-ingest parse [--json] FILE...
       news-ingest parse --jsonl < input.jsonl > output.jsonl

FILE...   article files in any supported format (text, Markdown, HTML, JSON, JSON Lines,
          NITF, NewsML-G2; gzip-compressed or not); prints each article's metadata and body
--json    print one JSON line per file instead of the readable form
--jsonl   read JSON lines {"id", "filename", "content_base64"} on stdin; write exactly one
          JSON line per input: {"id", "format", "title", "byline", "published", "outlet",
          "dateline", "url", "language", "body"}, plus "articles" (the same objects, one per
          article) for a file holding several; {"id", "error": {"reason", "message"}} for an
          unusable input. Nothing else is written on stdout. Exits 1 when any input could not
          be used, 0 when every one could.`;

export interface ArticleLine {
  format: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  outlet: string | null;
  dateline: string | null;
  url: string | null;
  language: string | null;
  body: string;
  retracted?: true;
}

export type ParseLine =
  | ({ id: unknown } & ArticleLine & { articles?: ArticleLine[] })
  | { id: unknown; error: { reason: string; message: string } };

function articleLine(a: Article): ArticleLine {
  return {
    format: a.format,
    title: a.title ?? null,
    byline: a.byline ?? null,
    published: a.published ?? null,
    outlet: a.outlet ?? null,
    dateline: a.dateline ?? null,
    url: a.url ?? null,
    language: a.language ?? null,
    body: a.body,
    ...(a.retracted ? { retracted: true as const } : {}),
  };
}

/** The output line for one input object: its first article's fields, and all of them when several. */
export function parseLine(id: unknown, filename: string | undefined, bytes: Uint8Array): ParseLine {
  try {
    const parsed = parseObjectDetailed(bytes, filename ? { filename } : {});
    const lines = parsed.articles.map(articleLine);
    const first = lines[0]!;
    return { id, ...first, ...(lines.length > 1 ? { articles: lines } : {}) };
  } catch (error) {
    return errorLine(id, error);
  }
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** One JSON line of input to one line of output; bad input lines get an error line too. */
export function handleInputLine(line: string): ParseLine {
  let id: unknown = null;
  let input: { id?: unknown; filename?: unknown; content_base64?: unknown };
  try {
    input = JSON.parse(line) as typeof input;
  } catch (error) {
    return {
      id,
      error: { reason: 'BAD_INPUT', message: `the input line is not JSON: ${(error as Error).message}` },
    };
  }
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { id, error: { reason: 'BAD_INPUT', message: 'the input line is not a JSON object' } };
  id = input.id ?? null;
  if (typeof input.content_base64 !== 'string')
    return { id, error: { reason: 'BAD_INPUT', message: '"content_base64" must be a string' } };
  const b64 = input.content_base64.replace(/\s+/g, '');
  if (!BASE64.test(b64))
    return { id, error: { reason: 'BAD_INPUT', message: '"content_base64" is not base64' } };
  const filename = typeof input.filename === 'string' ? input.filename : undefined;
  return parseLine(id, filename, new Uint8Array(Buffer.from(b64, 'base64')));
}

async function runJsonl(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let failed = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = handleInputLine(line);
    if ('error' in out) failed++;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return jsonlExitCode('parse', failed);
}

function readable(file: string, parsed: ParsedObject): string {
  const out: string[] = [];
  out.push(
    `== ${file}  (${parsed.format}, ${parsed.encoding}${parsed.compressed ? ', gzip' : ''}, ${parsed.articles.length} article${parsed.articles.length === 1 ? '' : 's'})`,
  );
  parsed.articles.forEach((a, i) => {
    if (parsed.articles.length > 1) out.push('', `-- article ${i + 1}${a.id ? ` (${a.id})` : ''}`);
    const fields: [string, string | undefined][] = [
      ['title', a.title],
      ['deck', a.deck],
      ['byline', a.byline],
      ['published', a.published],
      ['modified', a.modified],
      ['outlet', a.outlet],
      ['dateline', a.dateline],
      ['url', a.url],
      ['language', a.language],
      ['section', a.section],
      ['subjects', a.subjects?.join('; ')],
      ['retracted', a.retracted ? 'yes (canceled or withdrawn: its items are removed)' : undefined],
    ];
    for (const [k, v] of fields) if (v) out.push(`${k.padEnd(10)} ${v}`);
    out.push('', a.body);
  });
  for (const s of parsed.skipped) out.push('', `-- entry ${s.index} skipped: ${s.reason} ${s.message}`);
  return out.join('\n');
}

export const command: Command = {
  name: 'parse',
  summary: 'parse article files to their metadata and body',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, { jsonl: { type: 'boolean' }, json: { type: 'boolean' } });
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
    for (const file of positionals) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (error) {
        status = 1;
        process.stderr.write(`parse: cannot read ${file}: ${(error as Error).message}\n`);
        continue;
      }
      if (values.json) {
        const line = parseLine(file, file, bytes);
        if ('error' in line) status = 1;
        process.stdout.write(`${JSON.stringify(line)}\n`);
        continue;
      }
      try {
        process.stdout.write(`${readable(file, parseObjectDetailed(bytes, { filename: file }))}\n\n`);
      } catch (error) {
        status = 1;
        const reason = error instanceof UnusableContentError ? error.reason : 'UNPARSEABLE';
        process.stdout.write(`== ${file}\nerror      ${reason}: ${(error as Error).message}\n\n`);
      }
    }
    return status;
  },
};
