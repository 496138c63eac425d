import type { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEXES } from '#adapters/aws/dynamodb/indexes.ts';

/** Index of all quotes by a speaker, newest first. */
export const BY_SPEAKER_INDEX = INDEXES.bySpeaker.name;
/** Index of all articles mentioning an entity, newest first. */
export const BY_ENTITY_INDEX = INDEXES.byEntity.name;

export interface ArticlesTableProps {
  /** What happens to the table when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
  /** DynamoDB deletion protection. */
  readonly deletionProtection: boolean;
}

/**
 * The single table holding articles, their entities, quotes and failure items.
 *
 * Keys `pk`/`sk`; GSI `bySpeaker` (`gsi1pk`/`gsi1sk`) and GSI `byEntity` (`gsi2pk`/`gsi2sk`), each
 * projecting only the attributes its queries read (INDEXES, one list shared with the reader), so
 * each access pattern is one Query and the indexes stay small. On-demand billing, point-in-time
 * recovery, encryption at rest with the AWS-managed key.
 */
export class ArticlesTable extends Construct {
  /** The table. */
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: ArticlesTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    for (const index of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.projected],
      });
    }
  }
}
