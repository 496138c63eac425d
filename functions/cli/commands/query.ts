import { documentClient, dynamoClient, soleTable } from '#adapters/aws/clients.ts';
import { ArticleReader, CursorError } from '#adapters/aws/dynamodb/reader.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { readStackLine } from '../stack-line.ts';
import { entityAnswer, speakerAnswer } from './query-names.ts';

const usage = `usage: news-ingest query (--speaker NAME | --entity NAME | --article KEY) [options]

  --speaker NAME    all quotes by a speaker, newest first; NAME is a full name, a surname or any
                    alias ("Marquez", "Mayor Marquez"); an ambiguous one lists the candidates
                    with their quote counts ("Biden: Joe Biden (120 quotes), Hunter Biden (8)")
  --entity NAME     all articles mentioning an entity, newest first; NAME as for --speaker
  --article KEY     everything stored about one object (needs --bucket unless --stack gives it)
  --stack JSON|FILE the line 'npm start -- --serve' prints (endpoint, region, table, bucket)
  --endpoint URL    a local DynamoDB endpoint (default: AWS, with the default credential chain)
  --region REGION   AWS region (default: from the environment / profile)
  --table NAME      table name (default: from --stack, NEWS_INGEST_TABLE, or the only table at --endpoint)
  --bucket NAME     bucket of --article (default: from --stack or NEWS_INGEST_BUCKET)
  --limit N         at most N results (default 50, at most 1000)
  --cursor C        the next page: the cursor the previous page printed ("more: --cursor C")
  --json            print JSON instead of text`;

/** A quotation shown in marks once: direct quotes keep their own marks, others get a pair. */
export function onceQuoted(text: string): string {
  return /^["“‘«„'].*["”’»“']$/su.test(text.trim()) ? text : `"${text}"`;
}

export const command: Command = {
  name: 'query',
  summary: 'query the table',
  usage,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        speaker: { type: 'string' },
        entity: { type: 'string' },
        article: { type: 'string' },
        stack: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        table: { type: 'string' },
        bucket: { type: 'string' },
        limit: { type: 'string' },
        cursor: { type: 'string' },
        json: { type: 'boolean' },
      },
      false,
    );
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const asked = [values.speaker, values.entity, values.article].filter((v) => v !== undefined);
    if (asked.length !== 1) throw new UsageError('give exactly one of --speaker, --entity or --article');
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit <= 0 || limit > 1000)
      throw new UsageError('--limit must be an integer from 1 to 1000');
    const stack = readStackLine(values.stack);
    const endpoint = values.endpoint ?? stack.dynamodbEndpoint;
    const region = values.region ?? stack.region;
    const client = dynamoClient({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
    try {
      const table =
        values.table ??
        stack.table ??
        process.env.NEWS_INGEST_TABLE ??
        (endpoint ? await soleTable(client) : undefined);
      if (!table) throw new UsageError('name the table with --table (or NEWS_INGEST_TABLE, or --stack)');
      const reader = new ArticleReader(documentClient(client), table);
      const print = (value: unknown, text: () => string) =>
        process.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);

      if (values.speaker !== undefined || values.entity !== undefined) {
        const options = { limit, ...(values.cursor ? { cursor: values.cursor } : {}) };
        try {
          const answer =
            values.speaker !== undefined
              ? await speakerAnswer(reader, values.speaker, options)
              : await entityAnswer(reader, values.entity as string, options);
          print(answer.json, () => answer.text);
        } catch (error) {
          if (error instanceof CursorError) throw new UsageError(error.message);
          throw error;
        }
        return 0;
      }
      const bucket = values.bucket ?? stack.bucket ?? process.env.NEWS_INGEST_BUCKET;
      if (!bucket) throw new UsageError('--article needs --bucket (or --stack, or NEWS_INGEST_BUCKET)');
      const object = await reader.getObject(bucket, values.article as string);
      if (!object) {
        print(
          { bucket, key: values.article, found: false },
          () => `nothing stored for s3://${bucket}/${values.article}`,
        );
        return 1;
      }
      print(object, () => {
        const lines = [`s3://${object.bucket}/${object.key}  ${object.status}`];
        if (object.failure) lines.push(`  failure: ${object.failure.reason} ${object.failure.message ?? ''}`);
        for (const a of object.articles) {
          lines.push(`  [${a.articleId}] ${a.meta.title ?? '(no title)'}`);
          for (const e of a.entities) lines.push(`    ${e.type.padEnd(12)} ${e.name} ×${e.mentions}`);
          for (const q of a.quotes) lines.push(`    ${onceQuoted(q.text)} — ${q.speaker ?? 'unattributed'}`);
        }
        return lines.join('\n');
      });
      return 0;
    } finally {
      client.destroy();
    }
  },
};
