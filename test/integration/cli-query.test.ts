import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentClient, dynamoClient } from '#adapters/aws/clients.ts';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { EXTRACTOR_VERSION } from '#core/nlp/version.ts';
import { processBytes } from '#ingest/ingest-object.ts';
import { command } from '../../functions/cli/commands/query.ts';
import { type DynamoEmulator, startDynamo } from '../../local/emulators/dynamodb.ts';
import { createArticlesTable } from '../support/articles-table.ts';

/** `news-ingest query` against a real table (dynalite) holding one processed article. */

const ARTICLE = `Harbour Times

Dock workers vote to accept pay offer

PORTSMOUTH -- Dock workers voted on Monday to accept a new pay offer, ending a month of overtime bans.

"Our members have been heard, and the port can get back to work," said union organiser Mara Quinn.
`;

let ddb: DynamoEmulator;
let dynamo: DynamoDBClient;
const table = 'articles-query';
const bucket = 'articles';

beforeAll(async () => {
  ddb = await startDynamo({ prefer: 'dynalite', log: () => {}, readyTimeoutMs: 60_000 });
  dynamo = dynamoClient({ endpoint: ddb.endpoint, region: 'us-east-1' });
  await createArticlesTable(dynamo, table);
  const outcome = processBytes(
    new TextEncoder().encode(ARTICLE),
    'dock.txt',
    {},
    { maxDecompressedBytes: 1 << 20 },
  );
  expect(outcome.status).toBe('processed');
  await new DynamoArticleStore(documentClient(dynamo), table).commit(
    {
      kind: 'created',
      ref: { bucket, key: 'dock.txt' },
      sequencer: '0055AED6DCD90281E5',
      eventTime: '2026-11-27T09:00:00.000Z',
    },
    outcome,
    { extractorVersion: EXTRACTOR_VERSION, processedAt: '2026-11-27T09:00:01.000Z' },
  );
}, 90_000);

afterAll(async () => {
  dynamo?.destroy();
  await ddb?.stop();
});

async function query(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  try {
    const code = await command.run([
      '--endpoint',
      ddb.endpoint,
      '--region',
      'us-east-1',
      '--table',
      table,
      ...argv,
    ]);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('news-ingest query --article', () => {
  it('shows a direct quote in its own marks, once', async () => {
    const r = await query(['--article', 'dock.txt', '--bucket', bucket]);
    expect(r.code).toBe(0);
    const quoteLine = r.out.split('\n').find((l) => l.includes('Our members have been heard'));
    expect(quoteLine).toBeDefined();
    expect(quoteLine).toMatch(/^ {4}"Our members have been heard, and the port can get back to work," — /);
    expect(r.out).not.toMatch(/""|"“|”"/);
  });
});
