import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { S3ObjectSource } from '#adapters/aws/s3-object-source.ts';
import { useNerModelFile } from '#adapters/node/ner-model-file.ts';
import { nerModel } from '#core/model/ner.ts';
import { readConfig } from './config.ts';
import { processBatch } from './process-batch.ts';

// Composition root: clients and configuration are built once per container, reused when warm.
const config = readConfig(process.env);
// The entity model ships as a binary file beside the bundle (see infra/constructs/ingest-function.ts):
// read and decoded here, during the function's init, not on the first article.
useNerModelFile();
nerModel();
const logger = new Logger({ serviceName: 'news-ingest' });
// the stage is a dimension of every metric, so the alarms of one stage never see another's
const metrics = new Metrics({
  namespace: 'NewsIngest',
  serviceName: 'news-ingest',
  defaultDimensions: { stage: config.stage },
});
const tracer = new Tracer({ serviceName: 'news-ingest' });
const s3 = tracer.captureAWSv3Client(new S3Client({ maxAttempts: 5 }));
const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 6 }));
const documents = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});
const deps = {
  source: new S3ObjectSource(s3),
  store: new DynamoArticleStore(documents, config.tableName),
  now: () => new Date(),
};
const limits = {
  maxObjectBytes: config.maxObjectBytes,
  maxDecompressedBytes: config.maxDecompressedBytes,
  maxExtractChars: config.maxExtractChars,
};

const log = {
  info: (m: string, f?: Record<string, unknown>) => logger.info(m, f ?? {}),
  warn: (m: string, f?: Record<string, unknown>) => logger.warn(m, f ?? {}),
  error: (m: string, f?: Record<string, unknown>) => logger.error(m, f ?? {}),
  async withKeys<T>(fields: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    logger.appendKeys(fields);
    try {
      return await fn();
    } finally {
      logger.removeKeys(Object.keys(fields));
    }
  },
};

export const handler = async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
  // Powertools' context injection (what its injectLambdaContext middleware does): request id,
  // function name, version and cold start on every log line of this invocation
  if (context) logger.addContext(context);
  const records = Array.isArray(event?.Records) ? event.Records : [];
  try {
    return await processBatch(
      records,
      deps,
      limits,
      log,
      { count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value) },
      {
        bucketName: config.bucketName,
        reserveMs: config.deadlineReserveMs,
        ...(context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {}),
      },
    );
  } finally {
    metrics.publishStoredMetrics();
  }
};
