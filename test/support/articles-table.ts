import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { INDEXES } from '#adapters/aws/dynamodb/indexes.ts';

/**
 * Creates a table with the key schema of the stack's articles table (infra/constructs/articles-table.ts):
 * pk/sk, GSI bySpeaker (gsi1pk/gsi1sk) and GSI byEntity (gsi2pk/gsi2sk), strings, projecting
 * what the stack's indexes project (INDEXES).
 */
export async function createArticlesTable(client: DynamoDBClient, name: string): Promise<void> {
  const s = 'S' as const;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map((a) => ({
        AttributeName: a,
        AttributeType: s,
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projected] },
      })),
    }),
  );
}
