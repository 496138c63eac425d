import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { objectPk, STATE_SK, versionOf } from '#adapters/aws/dynamodb/keys.ts';
import { EXTRACTOR_VERSION } from '#core/nlp/version.ts';
import type { LocalStack } from '#local/stack.ts';
import { command as backfill } from '../../functions/cli/commands/backfill.ts';
import { command as query } from '../../functions/cli/commands/query.ts';
import { startProjectStack } from './support.ts';

/**
 * One person named three ways in three articles (with a middle initial and a bare surname; with
 * an honorific; with a title), then a second person of the same surname: `query --speaker` finds
 * her by surname, full name and alias, and lists both when the surname becomes ambiguous. Every
 * lookup goes through the real CLI against the real local stack.
 */

const HEAD = 'The Lakeshore Courier\n\n';
const ARTICLES: Record<string, string> = {
  'identity/dredging.txt': `${HEAD}Port board approves dredging plan\n\nLAKESHORE -- The regional port board voted on Tuesday to dredge the northern channel before the spring shipping season.\n\n"The channel has been silting up for years, and the ships are only getting bigger," said Halina J. Verbeek, who chairs the board.\n\nVerbeek said the work would take about four months.\n`,
  'identity/ferry.txt': `${HEAD}Ferry service to resume in April\n\nLAKESHORE -- Ferry crossings to Gull Island will resume in April after a winter pause, the port board said on Friday.\n\nHalina Verbeek, the board's chair, said the new ferry had passed its inspections.\n\n"We expect the first crossing to be full," Ms. Verbeek said.\n`,
  'identity/envoy.txt': `${HEAD}Trade envoy visits the harbor\n\nLAKESHORE -- Ambassador Halina Verbeek toured the container terminal on Monday with local exporters.\n\n"Our farmers need this harbor to reach their buyers," Ambassador Verbeek said.\n`,
};
const OTHER = {
  key: 'identity/quotas.txt',
  text: `${HEAD}Fishing fleet asks for new quotas\n\nLAKESHORE -- Commercial fishermen asked the state on Wednesday to raise this year's quotas.\n\n"The cod are back, and the numbers show it," said Piet Verbeek, a trawler captain.\n`,
};

let stack: LocalStack;
let stackLine: string;

/** Runs a CLI command in this process; returns its exit code and what it printed. */
async function cli(
  cmd: typeof query,
  argv: string[],
): Promise<{ code: number; out: string; json: Record<string, unknown> }> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await cmd.run(argv);
    const text = out.join('');
    let json: Record<string, unknown> = {};
    if (argv.includes('--json')) json = JSON.parse(text) as Record<string, unknown>;
    return { code, out: text, json };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

const speakerQuery = (name: string, ...more: string[]) =>
  cli(query, ['--stack', stackLine, '--speaker', name, ...more]);

interface QuoteRow {
  key: string;
  speaker: string;
  speakerId: string;
  text: string;
}

beforeAll(async () => {
  stack = await startProjectStack();
  stackLine = JSON.stringify({
    s3Endpoint: stack.endpoints.s3,
    sqsEndpoint: stack.endpoints.sqs,
    dynamodbEndpoint: stack.endpoints.dynamodb,
    region: stack.region,
    bucket: stack.bucket,
    queue: stack.queueUrl,
    table: stack.table,
  });
  for (const [key, text] of Object.entries(ARTICLES)) {
    const stored = await stack.waitFor(await stack.put(key, text), { timeoutMs: 30_000 });
    expect(stored?.status).toBe('processed');
  }
});

afterAll(async () => {
  await stack?.stop();
});

describe('one person across articles', () => {
  const keys = Object.keys(ARTICLES).sort();

  it('stores one identity key and the aliases seen on every quote of hers', async () => {
    const { json } = await speakerQuery('Halina Verbeek', '--json');
    const quotes = json.quotes as QuoteRow[];
    expect(new Set(quotes.map((q) => q.speakerId))).toEqual(new Set(['halina verbeek']));
    const envoy = (await stack.reader.getArticle(stack.bucket, 'identity/envoy.txt'))!;
    const person = envoy.entities.find((e) => e.identity === 'halina verbeek');
    expect(person?.role).toBe('Ambassador');
    // the title is her role, not part of the name: the mention after it is the alias seen
    expect(person?.aliases).toEqual(expect.arrayContaining(['Halina Verbeek', 'Verbeek']));
    expect(person?.aliases).not.toContain('Ambassador Verbeek');
    // asked with the title, the name still finds her
    const titled = await speakerQuery('Ambassador Verbeek', '--json');
    expect(new Set((titled.json.quotes as QuoteRow[]).map((q) => q.speakerId))).toEqual(
      new Set(['halina verbeek']),
    );
  });

  for (const name of [
    'Verbeek',
    'Halina Verbeek',
    'Halina J. Verbeek',
    'Ms. Verbeek',
    'Ambassador Verbeek',
  ]) {
    it(`query --speaker "${name}" returns her quotes from all three articles`, async () => {
      const { code, json } = await speakerQuery(name, '--json');
      expect(code).toBe(0);
      const quotes = json.quotes as QuoteRow[];
      expect([...new Set(quotes.map((q) => q.key))].sort()).toEqual(keys);
      expect(quotes.map((q) => q.text).join(' ')).toContain('first crossing to be full');
      expect(quotes.map((q) => q.text).join(' ')).toContain('reach their buyers');
      expect(json.identities).toEqual(['halina verbeek']);
    });
  }

  it('prints the quotes as text, newest first, and pages them with a cursor', async () => {
    const all = (await speakerQuery('Verbeek', '--json')).json.quotes as QuoteRow[];
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = await speakerQuery('Verbeek', '--limit', '2');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/— Halina/);
    const cursor = /more: --cursor (\S+)/.exec(first.out)?.[1];
    expect(cursor).toBeTruthy();
    const seen: string[] = [];
    let next: string | undefined;
    let page = await speakerQuery('Verbeek', '--limit', '2', '--json');
    for (;;) {
      seen.push(...(page.json.quotes as QuoteRow[]).map((q) => q.text));
      next = page.json.cursor as string | undefined;
      if (!next) break;
      page = await speakerQuery('Verbeek', '--limit', '2', '--json', '--cursor', next);
    }
    expect(seen).toEqual(all.map((q) => q.text));
    // a cursor belongs to its query: another query refuses it
    await expect(
      cli(query, ['--stack', stackLine, '--entity', 'Verbeek', '--cursor', cursor as string]),
    ).rejects.toThrow(/invalid cursor/);
  });

  it('finds the articles that mention her by surname through query --entity', async () => {
    const { code, json } = await cli(query, ['--stack', stackLine, '--entity', 'Verbeek', '--json']);
    expect(code).toBe(0);
    const rows = json.articles as { key: string }[];
    expect([...new Set(rows.map((r) => r.key))].sort()).toEqual(keys);
  });

  it('lists the candidates of a surname two people share, with their counts, and exits 0', async () => {
    const stored = await stack.waitFor(await stack.put(OTHER.key, OTHER.text), { timeoutMs: 30_000 });
    expect(stored?.status).toBe('processed');
    const text = await speakerQuery('Verbeek');
    expect(text.code).toBe(0);
    const halina = ((await speakerQuery('Halina Verbeek', '--json')).json.quotes as QuoteRow[]).length;
    expect(text.out.trim()).toBe(`Verbeek: Halina Verbeek (${halina} quotes), Piet Verbeek (1)`);
    const { json } = await speakerQuery('Verbeek', '--json');
    expect(json.quotes).toEqual([]);
    expect(json.candidates).toEqual([
      expect.objectContaining({ identity: 'halina verbeek', quotes: halina, articles: 3 }),
      expect.objectContaining({ identity: 'piet verbeek', quotes: 1, articles: 1 }),
    ]);
    // a full name still names one person
    const piet = (await speakerQuery('Piet Verbeek', '--json')).json.quotes as QuoteRow[];
    expect(piet.map((q) => q.key)).toEqual([OTHER.key]);
    const entity = await cli(query, ['--stack', stackLine, '--entity', 'Verbeek']);
    expect(entity.out.trim()).toBe('Verbeek: Halina Verbeek (PERSON, 3 articles), Piet Verbeek (PERSON, 1)');
  });

  it('answers a name nobody has', async () => {
    const { code, out } = await speakerQuery('Quentin Nobody');
    expect(code).toBe(0);
    expect(out.trim()).toBe('no quotes by Quentin Nobody');
  });
});

describe('backfill --outdated', () => {
  it('brings an object stored by the previous extractor, under the old keys, to the new keys', async () => {
    const key = 'identity/legacy.txt';
    const change = await stack.put(key, ARTICLES['identity/ferry.txt'] as string);
    const fresh = await stack.waitFor(change, { timeoutMs: 30_000 });
    expect(fresh?.status).toBe('processed');
    // Rewrite the partition as the previous extractor left it: speaker and entity index keys by
    // the name as written (`halina j. verbeek`, where the identity key is `halina verbeek`), no
    // name items, no identity keys.
    const pk = objectPk(stack.bucket, key);
    const items = await partition(pk);
    for (const item of items)
      await stack.documents.send(new DeleteCommand({ TableName: stack.table, Key: { pk, sk: item.sk } }));
    const sequencer = String(fresh?.state.sequencer);
    const old = versionOf(sequencer, '0.3.0');
    const date = '2026-03-01T00:00:00.000Z';
    const objectHash = pk.slice(4);
    const legacy = [
      { ...fresh?.state, pk, sk: STATE_SK, version: old, extractorVersion: '0.3.0' },
      {
        pk,
        sk: `V#${old}#A#00000`,
        kind: 'article',
        version: old,
        bucket: stack.bucket,
        key,
        articleIndex: 0,
      },
      {
        pk,
        sk: `V#${old}#A#00000#Q#00000`,
        kind: 'quote',
        version: old,
        bucket: stack.bucket,
        key,
        articleIndex: 0,
        quoteType: 'direct',
        text: 'We expect the first crossing to be full,',
        speaker: 'Halina J. Verbeek',
        sortDate: date,
        gsi1pk: 'SPEAKER#halina j. verbeek',
        gsi1sk: `${date}#${objectHash}#00000#00000`,
      },
      {
        pk,
        sk: `V#${old}#A#00000#E#0123456789abcdef`,
        kind: 'entity',
        version: old,
        bucket: stack.bucket,
        key,
        articleIndex: 0,
        name: 'Halina J. Verbeek',
        type: 'PERSON',
        mentions: 2,
        sortDate: date,
        gsi2pk: 'ENTITY#halina j. verbeek',
        gsi2sk: `${date}#${objectHash}#00000`,
      },
    ];
    for (const item of legacy)
      await stack.documents.send(new PutCommand({ TableName: stack.table, Item: item }));
    // Under the old keys her full name does not reach them.
    const before = (await speakerQuery('Halina Verbeek', '--json')).json.quotes as QuoteRow[];
    expect(before.map((q) => q.key)).not.toContain(key);

    const dir = mkdtempSync(join(tmpdir(), 'identity-backfill-'));
    const checkpoint = join(dir, 'checkpoint.json');
    const args = [
      '--stack',
      stackLine,
      '--prefix',
      'identity/',
      '--outdated',
      '--checkpoint',
      checkpoint,
      '--json',
    ];
    const run = await cli(backfill, args).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ enqueued: 1, reprocess: 1 });
    const deadline = Date.now() + 60_000;
    let state: Record<string, unknown> | undefined;
    while (Date.now() < deadline) {
      state = (await stack.reader.getObject(stack.bucket, key))?.state;
      if (state?.extractorVersion === EXTRACTOR_VERSION) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(state?.extractorVersion).toBe(EXTRACTOR_VERSION);
    const after = (await speakerQuery('Halina Verbeek', '--json')).json.quotes as QuoteRow[];
    expect(after.filter((q) => q.key === key).map((q) => q.speakerId)).toEqual([
      'halina verbeek',
      'halina verbeek',
    ]);
    // nothing of the old layout is left
    const left = await partition(pk);
    expect(left.filter((i) => i.sk !== STATE_SK && i.version !== state?.version)).toEqual([]);
    expect(left.some((i) => i.kind === 'name' && i.lookup === 'verbeek')).toBe(true);
  });
});

async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documents.send(
      new QueryCommand({
        TableName: stack.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    out.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}
