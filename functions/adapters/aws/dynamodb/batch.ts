import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NewsIngestError } from '#core/errors.ts';
import { backoffDelay, type RetryOptions, sleep } from '../retry.ts';
import type { Item } from './items.ts';

const WRITE_BATCH = 25;
const GET_BATCH = 100;

export class UnprocessedItemsError extends NewsIngestError {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessedItemsError';
  }
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/**
 * Writes requests in batches of 25, retrying `UnprocessedItems` with backoff and jitter.
 * Throws after `maxAttempts` so the event is retried by SQS instead of being half-written silently.
 */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  options: RetryOptions = {},
): Promise<void> {
  const { maxAttempts = 8, baseMs = 50, capMs = 3000, wait = sleep } = options;
  for (let i = 0; i < requests.length; i += WRITE_BATCH) {
    let pending: WriteRequest[] = requests.slice(i, i + WRITE_BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts) {
        throw new UnprocessedItemsError(
          `${pending.length} writes still unprocessed after ${maxAttempts} attempts`,
        );
      }
      if (attempt > 0) await wait(backoffDelay(attempt, baseMs, capMs));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as WriteRequest[];
    }
  }
}

export const putRequest = (item: Item): WriteRequest => ({ PutRequest: { Item: item } });
export const deleteRequest = (pk: string, sk: string): WriteRequest => ({
  DeleteRequest: { Key: { pk, sk } },
});

/** Reads items by key in batches of 100, retrying `UnprocessedKeys` with backoff and jitter. */
export async function batchGet(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly { pk: string; sk: string }[],
  options: RetryOptions & { readonly projection?: readonly string[] } = {},
): Promise<Item[]> {
  const { maxAttempts = 8, baseMs = 50, capMs = 3000, wait = sleep, projection } = options;
  // only these attributes, when given (names go through placeholders: some are reserved words)
  const project = projection?.length
    ? {
        ProjectionExpression: projection.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(projection.map((name, i) => [`#p${i}`, name])),
      }
    : {};
  const out: Item[] = [];
  for (let i = 0; i < keys.length; i += GET_BATCH) {
    let pending: Item[] = keys.slice(i, i + GET_BATCH).map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts)
        throw new UnprocessedItemsError(`${pending.length} reads still unprocessed`);
      if (attempt > 0) await wait(backoffDelay(attempt, baseMs, capMs));
      const res = await client.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...project } } }),
      );
      out.push(...((res.Responses?.[table] ?? []) as Item[]));
      pending = (res.UnprocessedKeys?.[table]?.Keys ?? []) as Item[];
    }
  }
  return out;
}
