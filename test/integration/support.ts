import { QueryCommand } from '@aws-sdk/lib-dynamodb';
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

/** Starts the real local stack from the project's (freshly synthesized) cloud assembly. */
export async function startProjectStack(options: Partial<LocalStackOptions> = {}): Promise<LocalStack> {
  const cdkOut = await projectAssembly();
  return startLocalStack({ cdkOut, visibilityTimeoutS: 1, concurrency: 2, ...options });
}

/** Every item stored in an object's partition, committed or not (to prove nothing stale is left). */
export async function partitionItemCount(stack: LocalStack, bucket: string, key: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documents.send(
      new QueryCommand({
        TableName: stack.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': objectPk(bucket, key) },
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

/** Java processes of DynamoDB Local still running (to check that nothing is left behind). */
export async function dynamoDbLocalProcesses(): Promise<number[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.startsWith('java') && cmd.includes('DynamoDBLocal.jar')) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}
