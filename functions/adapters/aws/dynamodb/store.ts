import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ArticleStore,
  CommitContext,
  CommitResult,
  ObjectEvent,
  ObjectOutcome,
  ObjectRef,
  StoredObjectState,
} from '#ingest/ports.ts';
import { normalizeSequencer } from '#ingest/sequencer.ts';
import type { RetryOptions } from '../retry.ts';
import { batchWrite, deleteRequest, putRequest } from './batch.ts';
import { stateAttributes, versionItems } from './items.ts';
import { objectPk, STATE_SK, sequencerOfVersion, VERSION_PREFIX, versionOf, versionOfSk } from './keys.ts';

/**
 * The write protocol, which makes each object's update atomic for readers:
 *  1. write the new version's items beside the live ones (readers ignore them: not committed);
 *  2. commit: one conditional UpdateItem of the STATE item points it at the new version, only if
 *     the stored sequencer is older (or equal, for a reprocessing by another extractor version);
 *  3. clean up: delete every item of an older version (and, for the same sequencer, of another
 *     extractor version). Items of newer, not yet committed versions are left to their writer.
 * A crash anywhere leaves either the old state (before 2) or the new one (after 2); a retry of
 * the same event redoes the idempotent steps. Readers resolve the live version from STATE.
 */
export class DynamoArticleStore implements ArticleStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly retry: RetryOptions = {},
  ) {}

  async state(ref: ObjectRef): Promise<StoredObjectState | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: objectPk(ref.bucket, ref.key), sk: STATE_SK },
        ConsistentRead: true,
        ProjectionExpression: 'sequencer, #s, extractorVersion, versionId',
        ExpressionAttributeNames: { '#s': 'status' },
      }),
    );
    if (!out.Item) return undefined;
    return out.Item as StoredObjectState;
  }

  async commit(event: ObjectEvent, outcome: ObjectOutcome, context: CommitContext): Promise<CommitResult> {
    const version = versionOf(event.sequencer, context.extractorVersion);
    const items = versionItems(event, outcome, version, context);
    await batchWrite(this.client, this.table, items.map(putRequest), this.retry);
    return this.finish(event, outcome, version, context);
  }

  async remove(event: ObjectEvent, context: CommitContext): Promise<CommitResult> {
    const version = versionOf(event.sequencer, context.extractorVersion);
    return this.finish(event, undefined, version, context);
  }

  private async finish(
    event: ObjectEvent,
    outcome: ObjectOutcome | undefined,
    version: string,
    context: CommitContext,
  ): Promise<CommitResult> {
    const pk = objectPk(event.ref.bucket, event.ref.key);
    const sequencer = normalizeSequencer(event.sequencer);
    const attrs = stateAttributes(event, outcome, version, sequencer, context);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    Object.entries(attrs).forEach(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:v${i}`] = value;
      sets.push(`#a${i} = :v${i}`);
    });
    names['#seq'] = 'sequencer';
    names['#ver'] = 'version';
    values[':seq'] = sequencer;
    values[':ver'] = version;
    // REMOVE the attributes a previous state may have set that this one does not
    const stale = [
      'failureReason',
      'failureMessage',
      'format',
      'articleCount',
      'retractedCount',
      'entityCount',
      'quoteCount',
      'title',
      'contentHash',
      'eTag',
      'versionId',
    ]
      .filter((a) => !(a in attrs))
      .map((a, i) => {
        names[`#r${i}`] = a;
        return `#r${i}`;
      });
    let committed: CommitResult = 'committed';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk, sk: STATE_SK },
          UpdateExpression: `SET ${sets.join(', ')}${stale.length ? ` REMOVE ${stale.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_not_exists(#seq) OR #seq < :seq OR (#seq = :seq AND #ver <> :ver)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      committed = 'superseded';
    }
    await this.cleanUp(pk);
    return committed;
  }

  async keep(event: ObjectEvent, versionId: string): Promise<CommitResult> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: objectPk(event.ref.bucket, event.ref.key), sk: STATE_SK },
          UpdateExpression: 'SET #seq = :seq',
          ConditionExpression: '#seq < :seq AND #vid = :vid AND #s <> :deleted',
          ExpressionAttributeNames: { '#seq': 'sequencer', '#vid': 'versionId', '#s': 'status' },
          ExpressionAttributeValues: {
            ':seq': normalizeSequencer(event.sequencer),
            ':vid': versionId,
            ':deleted': 'deleted',
          },
        }),
      );
      return 'committed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'superseded';
      throw error;
    }
  }

  async settle(ref: ObjectRef): Promise<void> {
    await this.cleanUp(objectPk(ref.bucket, ref.key));
  }

  /** Deletes the items of every version older than the committed one. Idempotent. */
  async cleanUp(pk: string): Promise<number> {
    const live = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { pk, sk: STATE_SK }, ConsistentRead: true }),
    );
    const liveVersion = live.Item?.version as string | undefined;
    if (!liveVersion) return 0;
    const liveSequencer = sequencerOfVersion(liveVersion);
    const doomed: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
          ExpressionAttributeValues: { ':pk': pk, ':v': VERSION_PREFIX },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const sk = item.sk as string;
        const version = versionOfSk(sk);
        if (version === undefined || version === liveVersion) continue;
        const seq = sequencerOfVersion(version);
        if (seq < liveSequencer || seq === liveSequencer) doomed.push(sk);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    await batchWrite(
      this.client,
      this.table,
      doomed.map((sk) => deleteRequest(pk, sk)),
      this.retry,
    );
    return doomed.length;
  }
}
