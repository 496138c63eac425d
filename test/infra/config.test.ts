import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type NewsIngestConfig } from '#infra/config.ts';

function load(context: Record<string, unknown>): NewsIngestConfig {
  return loadConfig({ tryGetContext: (key) => context[key] });
}

const MIB = 1024 * 1024;

describe('loadConfig', () => {
  it('has sensible defaults for a dev stage', () => {
    expect(load({})).toEqual({
      stage: 'dev',
      isProduction: false,
      removalPolicy: 'retain',
      deletionProtection: false,
      logRetentionDays: 30,
      noncurrentVersionExpirationDays: 30,
      accessLogExpirationDays: 90,
      functionTimeoutSeconds: 60,
      functionMemoryMb: 1024,
      maxConcurrency: 5,
      batchSize: 5,
      maxReceiveCount: 5,
      maxObjectBytes: 10 * MIB,
      maxDecompressedBytes: 20 * MIB,
      logLevel: 'INFO',
      oldestMessageAlarmSeconds: 900,
    });
  });

  it('is stricter for prod: deletion protection and a year of logs', () => {
    const config = load({ stage: 'prod' });
    expect(config.isProduction).toBe(true);
    expect(config.deletionProtection).toBe(true);
    expect(config.logRetentionDays).toBe(365);
    expect(config.accessLogExpirationDays).toBe(365);
    expect(config.removalPolicy).toBe('retain');
  });

  it('parses the strings that `cdk synth -c key=value` passes', () => {
    const config = load({
      stage: 'qa-2',
      removalPolicy: 'DESTROY',
      deletionProtection: 'true',
      functionTimeoutSeconds: '120',
      maxConcurrency: '50',
      maxObjectBytes: '1048576',
      logLevel: 'debug',
      logRetentionDays: '14',
    });
    expect(config).toMatchObject({
      stage: 'qa-2',
      removalPolicy: 'destroy',
      deletionProtection: true,
      functionTimeoutSeconds: 120,
      maxConcurrency: 50,
      maxObjectBytes: MIB,
      maxDecompressedBytes: 20 * MIB,
      logLevel: 'DEBUG',
      logRetentionDays: 14,
    });
  });

  it('accepts numbers and booleans from cdk.json', () => {
    expect(load({ batchSize: 10, deletionProtection: false, stage: 'prod' })).toMatchObject({
      batchSize: 10,
      deletionProtection: false,
    });
  });

  it.each([
    [{ stage: 'Prod' }, /"stage" must start with a lower-case letter/],
    [{ stage: 'a'.repeat(21) }, /"stage"/],
    [{ stage: 7 }, /"stage" must be a string/],
    [{ functionTimeoutSeconds: 'sixty' }, /"functionTimeoutSeconds" must be an integer, got "sixty"/],
    [{ functionTimeoutSeconds: 1.5 }, /"functionTimeoutSeconds" must be an integer/],
    [{ functionTimeoutSeconds: 901 }, /"functionTimeoutSeconds" must be between 5 and 900, got 901/],
    [{ maxConcurrency: 1 }, /"maxConcurrency" must be between 2 and 1000/],
    [{ batchSize: 11 }, /"batchSize" must be between 1 and 10/],
    [{ functionMemoryMb: 64 }, /"functionMemoryMb" must be between 128 and 10240/],
    [{ removalPolicy: 'snapshot' }, /"removalPolicy" must be one of retain, destroy, got "snapshot"/],
    [{ deletionProtection: 'yes' }, /"deletionProtection" must be true or false/],
    [{ logLevel: 'TRACE' }, /"logLevel" must be one of DEBUG, INFO, WARN, ERROR/],
    [{ logRetentionDays: 10 }, /"logRetentionDays" must be one of 1, 3, 5, 7, 14, 30/],
    [
      { maxObjectBytes: 20 * MIB, maxDecompressedBytes: 10 * MIB },
      /"maxDecompressedBytes" .* must be at least/,
    ],
    [{ alarmTopicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }, /"alarmTopicArn" must be an SNS topic ARN/],
    [{ alarmTopicArn: 'pager' }, /"alarmTopicArn" must be an SNS topic ARN/],
  ])('rejects %j with a clear error', (context, message) => {
    expect(() => load(context)).toThrow(ConfigError);
    expect(() => load(context)).toThrow(message);
  });

  it('takes an alarm topic ARN, and none by default', () => {
    expect(load({}).alarmTopicArn).toBeUndefined();
    const arn = 'arn:aws:sns:us-east-1:123456789012:news-pager';
    expect(load({ alarmTopicArn: arn }).alarmTopicArn).toBe(arn);
  });

  it('raises the decompressed cap along with a large object cap', () => {
    expect(load({ maxObjectBytes: 64 * MIB }).maxDecompressedBytes).toBe(64 * MIB);
  });
});

describe('infra sources', () => {
  it('read configuration only through config.ts (no process.env anywhere in infra/)', () => {
    const root = fileURLToPath(new URL('../../infra/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => readFileSync(`${root}${f}`, 'utf8').includes('process.env'));
    expect(offenders).toEqual([]);
  });
});
