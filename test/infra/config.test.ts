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
      terminationProtection: false,
      removalPolicy: 'retain',
      deletionProtection: false,
      logRetentionDays: 30,
      noncurrentVersionExpirationDays: 30,
      accessLogExpirationDays: 90,
      functionTimeoutSeconds: 180,
      deadlineReserveSeconds: 60,
      maxExtractChars: 200_000,
      functionMemoryMb: 1024,
      maxConcurrency: 5,
      batchSize: 5,
      maxReceiveCount: 5,
      maxObjectBytes: 10 * MIB,
      maxDecompressedBytes: 20 * MIB,
      logLevel: 'INFO',
      oldestMessageAlarmSeconds: 900,
      alarmEmails: [],
    });
  });

  const PROD = { stage: 'prod', account: '123456789012', region: 'eu-west-1' };

  it('is stricter for prod: its own account and region, protections and a year of logs', () => {
    const config = load(PROD);
    expect(config.isProduction).toBe(true);
    expect(config).toMatchObject({
      account: '123456789012',
      region: 'eu-west-1',
      terminationProtection: true,
    });
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

  it('accepts numbers, booleans and lists from cdk.json', () => {
    expect(load({ batchSize: 10, deletionProtection: true, alarmEmails: ['a@example.com'] })).toMatchObject({
      batchSize: 10,
      deletionProtection: true,
      alarmEmails: ['a@example.com'],
    });
  });

  it("reads the stage's own settings, under explicit keys", () => {
    const stages = {
      dev: { batchSize: 2, functionTimeoutSeconds: 90 },
      prod: { account: PROD.account, region: PROD.region, batchSize: 9 },
    };
    expect(load({ stages })).toMatchObject({
      batchSize: 2,
      functionTimeoutSeconds: 90,
      deadlineReserveSeconds: 45,
    });
    expect(load({ stages, batchSize: 4 }).batchSize).toBe(4);
    expect(load({ stages, stage: 'prod' })).toMatchObject({ batchSize: 9, account: '123456789012' });
  });

  it('keeps the committed cdk.json valid for every stage it names', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context: Record<string, unknown>;
    };
    const stages = Object.keys(cdkJson.context.stages as Record<string, unknown>);
    expect(stages).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const stage of stages) {
      const context = { ...cdkJson.context, stage, account: '123456789012', region: 'eu-west-1' };
      expect(load(context).stage).toBe(stage);
    }
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
    [{ stage: 'prod' }, /stage "prod" deploys only to its own account and region/],
    [{ ...PROD, removalPolicy: 'destroy' }, /stage "prod" keeps its data: "removalPolicy" destroy/],
    [{ ...PROD, deletionProtection: false }, /"deletionProtection" false is not allowed/],
    [{ ...PROD, terminationProtection: 'false' }, /"terminationProtection" false is not allowed/],
    [{ account: '1234' }, /"account" must be a 12-digit AWS account id/],
    [{ region: 'mars' }, /"region" must be an AWS region/],
    [
      { functionTimeoutSeconds: 30, deadlineReserveSeconds: 30 },
      /"deadlineReserveSeconds" \(30\) must be below/,
    ],
    [{ alarmEmails: 'not-an-address' }, /"alarmEmails" must hold e-mail addresses/],
    [{ stages: { dev: { bogus: 1 } } }, /"stages.dev" sets "bogus", which is not a setting/],
    [{ stages: [] }, /"stages" must map stage names to settings/],
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
