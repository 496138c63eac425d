import { useNerModelFile } from '#adapters/node/ner-model-file.ts';
import { hasNerModelSource } from '#core/model/ner.ts';
import { type Command, UsageError } from './command.ts';

/** Sub-commands, loaded on demand so `extract` does not pay for the AWS SDK and vice versa. */
const COMMANDS: Record<string, { summary: string }> = {
  extract: {
    summary: 'extract entities and quotes from files or JSON lines',
  },
  explain: {
    summary: 'explain how each quotation got its speaker: rules fired, candidates, scores',
  },
  parse: {
    summary: 'parse article files (text, HTML, JSON, NITF, NewsML-G2) to their metadata and body',
  },
  query: {
    summary: 'query the table: quotes by speaker, articles by entity, one article',
  },
  eval: {
    summary: 'score entities (ner), quotes (quotes) or web-page bodies (html) on gold data',
  },
  backfill: {
    summary: 'enqueue existing objects of a bucket for (re)processing',
  },
  redrive: {
    summary: 'move dead-letter messages back to the ingest queue without duplicates',
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'usage: news-ingest <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'news-ingest <command> --help' for a command's options.",
  ].join('\n');
}

/** An error message on one line: whitespace runs (newlines of SDK and parser messages) become spaces. */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim() || 'unknown error';
}

/**
 * Runs one command. Every error is one line on stderr, `news-ingest <command>: <what went
 * wrong>`: a usage error exits 2 (with a pointer to the command's --help), any other 1.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // the entity model from its file (NER_MODEL_FILE, else the committed artifact) unless set already
  if (!hasNerModelSource()) useNerModelFile();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(
      `news-ingest: unknown command '${oneLine(name)}' (commands: ${Object.keys(COMMANDS).join(', ')}; see 'news-ingest --help')\n`,
    );
    return 2;
  }
  let command: Command;
  try {
    command = ((await import(`./commands/${name}.ts`)) as { command: Command }).command;
  } catch (error) {
    process.stderr.write(
      `news-ingest: the '${name}' command is not available: ${oneLine((error as Error).message)}\n`,
    );
    return 1;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `news-ingest ${name}: ${oneLine(error.message)} (see 'news-ingest ${name} --help')\n`,
      );
      return 2;
    }
    process.stderr.write(
      `news-ingest ${name}: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return 1;
  }
}
