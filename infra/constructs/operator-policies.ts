import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What `news-ingest query` needs: item reads of the table and its indexes (no Scan, no write). */
export const QUERY_ACTIONS = ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:BatchGetItem'] as const;

/** What `news-ingest backfill` needs besides the reads of QUERY_ACTIONS. */
export const BACKFILL_ACTIONS = {
  bucket: ['s3:ListBucket'],
  queue: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
} as const;

/**
 * What `news-ingest redrive` needs on the dead-letter queue: SQS's own move task
 * (StartMessageMoveTask, which also needs ReceiveMessage, DeleteMessage and GetQueueAttributes on
 * the source), and the receive, delete and visibility calls of `--max` and `--dry-run`. The
 * destination (the ingest queue) takes SendMessage, from BACKFILL_ACTIONS.queue.
 */
export const REDRIVE_ACTIONS = [
  'sqs:StartMessageMoveTask',
  'sqs:ListMessageMoveTasks',
  'sqs:CancelMessageMoveTask',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
] as const;

export interface OperatorPoliciesProps {
  readonly stage: string;
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Managed policies for the people who run the pipeline, to attach to their role or group:
 * `query` reads the table (read-only); `operate` adds what `backfill` and `redrive` do: list the
 * bucket, send to the ingest queue, move the dead-letter queue's messages back. Neither can read
 * article objects, write the table or delete anything outside the dead-letter queue.
 */
export class OperatorPolicies extends Construct {
  readonly query: iam.ManagedPolicy;
  readonly operate: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPoliciesProps) {
    super(scope, id);
    const tableAndIndexes = [props.table.tableArn, `${props.table.tableArn}/index/*`];
    const read = new iam.PolicyStatement({
      sid: 'QueryArticleItems',
      actions: [...QUERY_ACTIONS],
      resources: tableAndIndexes,
    });
    this.query = new iam.ManagedPolicy(this, 'Query', {
      managedPolicyName: `news-ingest-${props.stage}-query`,
      description: 'news-ingest: read-only access for `news-ingest query` (table and indexes)',
      statements: [read],
    });
    this.operate = new iam.ManagedPolicy(this, 'Operate', {
      managedPolicyName: `news-ingest-${props.stage}-operate`,
      description: 'news-ingest: `news-ingest query`, `backfill` and `redrive`',
      statements: [
        read,
        new iam.PolicyStatement({
          sid: 'ListArticleKeys',
          actions: [...BACKFILL_ACTIONS.bucket],
          resources: [props.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'EnqueueNotifications',
          actions: [...BACKFILL_ACTIONS.queue],
          resources: [props.queue.queueArn],
        }),
        new iam.PolicyStatement({
          sid: 'RedriveDeadLetters',
          actions: [...REDRIVE_ACTIONS],
          resources: [props.deadLetterQueue.queueArn],
        }),
      ],
    });
    const tableArn = Stack.of(this).resolve(props.table.tableArn) as unknown;
    const tableRef =
      typeof tableArn === 'object' && tableArn !== null && 'Fn::ImportValue' in tableArn
        ? String((tableArn as Record<string, unknown>)['Fn::ImportValue'])
        : `<${Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement)}.Arn>`;
    for (const policy of [this.query, this.operate]) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${tableRef}/index/*]`,
        reason:
          'The query command reads the bySpeaker and byEntity indexes of the articles table; the wildcard covers the indexes of that one table only, with read actions only.',
      });
    }
  }
}
