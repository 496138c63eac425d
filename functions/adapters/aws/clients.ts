import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Connection {
  /** Custom endpoint (the local stack); the default AWS endpoint and credential chain when absent. */
  readonly endpoint?: string;
  readonly region?: string;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamoClient({ endpoint, region }: Connection): DynamoDBClient {
  return new DynamoDBClient({
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS, region: region ?? 'us-east-1' } : {}),
    maxAttempts: 6,
  });
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The table to use when none is named: the only table on the endpoint, if there is exactly one. */
export async function soleTable(client: DynamoDBClient): Promise<string | undefined> {
  const out = await client.send(new ListTablesCommand({}));
  const names = out.TableNames ?? [];
  return names.length === 1 ? names[0] : undefined;
}
