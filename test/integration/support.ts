import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { objectPk } from '#adapters/aws/dynamodb/keys.ts';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '#local/stack.ts';
import { ensureAssembly } from '#local/synth.ts';

/**
 * The project's cloud assembly, synthesized when missing or stale, at most once per test run (the
 * test files of a run share the vitest main process, the parent of their workers).
 */
export async function projectAssembly(): Promise<string> {
  const { cdkOut } = await ensureAssembly({
    log: (l) => process.stderr.write(`${l}\n`),
    runToken: `vitest-${process.ppid}`,
  });
  return cdkOut;
}

/** The DynamoDB the global setup started for every integration file (see global-setup.ts). */
export function sharedDynamo(): { endpoint: string; kind: 'dynamodb-local' | 'dynalite' } {
  return inject('dynamodb');
}

/** A prefix of resource names no other stack of the run uses. */
export function uniqueNamespace(): string {
  return `t${randomBytes(4).toString('hex')}`;
}

/**
 * Starts the real local stack from the project's (freshly synthesized) cloud assembly, on the
 * run's shared DynamoDB, its resources under a namespace of their own.
 */
export async function startProjectStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  const cdkOut = inject('cdkOut') ?? (await projectAssembly());
  return startLocalStack({
    cdkOut,
    visibilityTimeoutS: 1,
    concurrency: 2,
    dynamodb: sharedDynamo(),
    namespace: uniqueNamespace(),
    ...options,
  });
}

/**
 * Every item stored in an object's partition, committed or not (to prove nothing stale is left);
 * with `only`, the items of that kind (`name`, `entity`, …) and version.
 */
export async function partitionItemCount(
  stack: LocalStack,
  bucket: string,
  key: string,
  only?: { kind: string; version: string },
): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documents.send(
      new QueryCommand({
        TableName: stack.table,
        KeyConditionExpression: 'pk = :pk',
        ...(only ? { FilterExpression: 'kind = :kind AND version = :version' } : {}),
        ExpressionAttributeValues: {
          ':pk': objectPk(bucket, key),
          ...(only ? { ':kind': only.kind, ':version': only.version } : {}),
        },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * Java processes of DynamoDB Local still running (to check that nothing is left behind); with
 * `port`, only the one listening there (other test files run their own meanwhile).
 */
export async function dynamoDbLocalProcesses(port?: string): Promise<number[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const args = cmd.split('\0');
      const portMatches = port === undefined || args[args.indexOf('-port') + 1] === port;
      if (cmd.startsWith('java') && cmd.includes('DynamoDBLocal.jar') && portMatches)
        pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * A cloud assembly made from the hand-made template of test/fixtures/local with `handlerCode` as
 * the bundled asset of its function. Returns its directory (remove it when done).
 */
export async function fixtureAssembly(handlerCode: string): Promise<string> {
  const { cpSync, mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'local-stack-fixture-'));
  cpSync(new URL('../fixtures/local/template.json', import.meta.url), join(dir, 'Demo.template.json'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        Demo: {
          type: 'aws:cloudformation:stack',
          properties: { templateFile: 'Demo.template.json', stackName: 'demo-dev' },
        },
      },
    }),
  );
  mkdirSync(join(dir, 'asset.abc'));
  writeFileSync(join(dir, 'asset.abc', 'index.mjs'), handlerCode);
  return dir;
}
