import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoReadModel } from '#adapters/aws/dynamodb/read-model.ts';
import { NewsIngestError } from '#core/errors.ts';
import { type ApiRequest, type ApiResponse, handleApiRequest } from '#read/api.ts';
import openApi from '#read/openapi.json' with { type: 'json' };

// Composition root of the read API: an API Gateway HTTP API (payload format 2.0) in front of
// this function, which may only read the table and its indexes.
const table = process.env.TABLE_NAME;
if (!table) throw new NewsIngestError('missing environment variable: TABLE_NAME');
const logger = new Logger({ serviceName: 'news-ingest-read' });
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }));
const model = new DynamoReadModel(documents, table);

/** Headers of every response: JSON that is never sniffed, framed or cached. */
export const RESPONSE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
} as const;

/** The use case's request, from API Gateway's event (payload format 2.0). */
export function toApiRequest(event: APIGatewayProxyEventV2): ApiRequest {
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath ?? '/',
    query: event.rawQueryString ?? '',
  };
}

function toResult(response: ApiResponse): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: response.status,
    headers: { ...RESPONSE_HEADERS },
    body: JSON.stringify(response.body),
  };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const request = toApiRequest(event);
  const requestId = event.requestContext?.requestId;
  try {
    const response = await handleApiRequest(request, model, openApi);
    if (response.status >= 400)
      logger.info('client error', { status: response.status, route: event.routeKey, requestId });
    return toResult(response);
  } catch (error) {
    // no article text in logs: the route and the error only
    logger.error('request failed', { route: event.routeKey, requestId, error: error as Error });
    return toResult({
      status: 500,
      body: { error: `internal error; request id ${requestId ?? 'unknown'}` },
    });
  }
};
