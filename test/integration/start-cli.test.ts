import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { documentClient, dynamoClient } from '#adapters/aws/clients.ts';
import { ArticleReader } from '#adapters/aws/dynamodb/reader.ts';
import { dynamoDbLocalProcesses, projectAssembly } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = 'events/articles/rail-strike.json';

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('--serve --json: prints the articles read back from the table, serves, and stops cleanly on SIGTERM', async () => {
    const javaBefore = new Set(await dynamoDbLocalProcesses());
    // synthesized here (when stale) so that the child runs what the other suites ran
    const cdkOut = await projectAssembly();
    const args = [
      '--import',
      'tsx',
      'local/start.ts',
      '--json',
      '--serve',
      '--skip-synth',
      '--cdk-out',
      cdkOut,
      SAMPLE,
    ];
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 150_000;
    while (!/^\{"s3Endpoint".*\}$/m.test(stdout)) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`npm start did not serve:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // the document, then the serve line (anything printed after it is not part of either)
    const lines = stdout.split('\n');
    const serveAt = lines.findIndex((l) => /^\{"s3Endpoint".*\}$/.test(l));
    const serve = JSON.parse(lines[serveAt] as string) as Record<string, string>;
    const doc = JSON.parse(lines.slice(0, serveAt).join('\n')) as {
      articles: {
        key: string;
        status: string;
        title: string;
        entities: unknown[];
        quotes: { speaker: string | null }[];
      }[];
    };
    expect(doc.articles).toHaveLength(1);
    const [article] = doc.articles;
    expect(article).toMatchObject({
      key: 'articles/rail-strike.json',
      status: 'processed',
      title: 'Freight rail workers set strike date as talks stall',
    });
    expect(article?.entities.length).toBeGreaterThan(0);
    for (const k of [
      's3Endpoint',
      'sqsEndpoint',
      'dynamodbEndpoint',
      'region',
      'bucket',
      'queue',
      'dlq',
      'table',
    ]) {
      expect(serve[k], k).toBeTruthy();
    }
    expect(stderr).toContain('local stack ready');

    // another process reads the served table, as `news-ingest query --endpoint` does
    const client = dynamoClient({
      endpoint: serve.dynamodbEndpoint as string,
      region: serve.region as string,
    });
    const speaker = article?.quotes.find((q) => q.speaker)?.speaker;
    if (speaker) {
      const quotes = await new ArticleReader(documentClient(client), serve.table as string).quotesBySpeaker(
        speaker,
      );
      expect(quotes.map((q) => q.key)).toContain('articles/rail-strike.json');
    }

    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    const probe = new DynamoDBClient({
      endpoint: serve.dynamodbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expect(probe.send(new ListTablesCommand({}))).rejects.toThrow();
    probe.destroy();
    client.destroy();
    // the DynamoDB Local this `npm start` ran, by its port (other files run their own meanwhile):
    // it was told to stop and exits within seconds, later on a loaded machine; it must not stay
    const port = new URL(String(serve.dynamodbEndpoint)).port;
    const leftoverAfter = async (ms: number) => {
      const until = Date.now() + ms;
      for (;;) {
        const left = (await dynamoDbLocalProcesses(port)).filter((p) => !javaBefore.has(p));
        if (left.length === 0 || Date.now() > until) return left;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    expect(await leftoverAfter(20_000)).toEqual([]);
  });
});
