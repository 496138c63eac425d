import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Connection {
  /** Custom endpoint (the local stack); the default AWS endpoint and credential chain when absent. */
  readonly endpoint?: string;
  readonly region?: string;
}

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Client settings: the default chain on AWS, or a local endpoint with dummy credentials. */
function settings({ endpoint, region }: Connection) {
  return {
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS, region: region ?? 'us-east-1' } : {}),
    maxAttempts: 6,
  };
}

export function dynamoClient(connection: Connection): DynamoDBClient {
  return new DynamoDBClient(settings(connection));
}

export function s3Client(connection: Connection): S3Client {
  return new S3Client({ ...settings(connection), ...(connection.endpoint ? { forcePathStyle: true } : {}) });
}

export function sqsClient(connection: Connection): SQSClient {
  return new SQSClient(settings(connection));
}

/** A Connection from optional values (undefined ones left out). */
export function connection(endpoint: string | undefined, region: string | undefined): Connection {
  return { ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) };
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
