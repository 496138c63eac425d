import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionHost, successesOf } from '#local/runner.ts';
import type { FunctionSpec } from '#local/template.ts';

const root = mkdtempSync(join(tmpdir(), 'runner-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function asset(name: string, code: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.mjs'), code);
  return dir;
}

function spec(assetDir: string, over: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    logicalId: 'Fn',
    name: 'demo-Fn',
    assetDir,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    timeoutS: 5,
    memoryMb: 256,
    architectures: ['arm64'],
    environment: {},
    ...over,
  };
}

// like a real bundle: configuration read once, at module load
const ENV_BUNDLE = `
const table = process.env.TABLE_NAME;
let calls = 0;
export const handler = async (event, context) => ({ table, calls: ++calls, echo: event, fn: context.functionName, left: context.getRemainingTimeInMillis() > 0 });
`;

describe('FunctionHost', () => {
  it('runs each function in its own environment with its own process.env, reused across invocations', async () => {
    const a = new FunctionHost({
      spec: spec(asset('a', ENV_BUNDLE)),
      env: { TABLE_NAME: 'table-a' },
      region: 'eu-west-1',
      accountId: '000000000000',
      logSink: () => {},
    });
    const b = new FunctionHost({
      spec: spec(asset('b', ENV_BUNDLE)),
      env: { TABLE_NAME: 'table-b' },
      region: 'eu-west-1',
      accountId: '000000000000',
      logSink: () => {},
    });
    try {
      const [ra, rb] = await Promise.all([a.invoke({ n: 1 }), b.invoke({ n: 2 })]);
      expect(ra).toMatchObject({
        ok: true,
        result: { table: 'table-a', calls: 1, echo: { n: 1 }, fn: 'demo-Fn', left: true },
      });
      expect(rb).toMatchObject({ ok: true, result: { table: 'table-b', calls: 1, echo: { n: 2 } } });
      expect((await a.invoke({})).result).toMatchObject({ calls: 2 });
      expect(a.coldStarts).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('reports a thrown error, and replaces an environment whose invocation times out', async () => {
    const code = `export const handler = async (e) => { if (e.mode === 'throw') throw new TypeError('bad input'); if (e.mode === 'hang') await new Promise(() => setInterval(() => {}, 1000)); return 'ok'; };`;
    const host = new FunctionHost({
      spec: spec(asset('c', code), { timeoutS: 1 }),
      env: {},
      region: 'r',
      accountId: 'a',
      logSink: () => {},
    });
    try {
      expect(await host.invoke({ mode: 'throw' })).toMatchObject({
        ok: false,
        error: { name: 'TypeError', message: 'bad input' },
      });
      const hung = await host.invoke({ mode: 'hang' });
      expect(hung).toMatchObject({ ok: false, timedOut: true });
      expect(await host.invoke({ mode: 'fine' })).toMatchObject({ ok: true, result: 'ok' });
      expect(host.coldStarts).toBe(2);
    } finally {
      await host.stop();
    }
  });

  it('reports an initialization failure', async () => {
    const host = new FunctionHost({
      spec: spec(asset('d', `throw new Error('missing environment variables: TABLE_NAME');`)),
      env: {},
      region: 'r',
      accountId: 'a',
      logSink: () => {},
    });
    try {
      expect(await host.invoke({})).toMatchObject({
        ok: false,
        error: { name: 'Runtime.InitError', message: expect.stringContaining('TABLE_NAME') },
      });
    } finally {
      await host.stop();
    }
  });
});

describe('partial batch responses', () => {
  const messages: Message[] = ['m1', 'm2', 'm3'].map((id) => ({
    MessageId: id,
    ReceiptHandle: `r-${id}`,
    Body: '{}',
  }));
  const ids = (ms: Message[]) => ms.map((m) => m.MessageId);

  it('deletes all but the reported failures', () => {
    expect(ids(successesOf(messages, { batchItemFailures: [{ itemIdentifier: 'm2' }] }))).toEqual([
      'm1',
      'm3',
    ]);
  });

  it('treats an empty list, null, or no response as full success', () => {
    expect(ids(successesOf(messages, { batchItemFailures: [] }))).toEqual(['m1', 'm2', 'm3']);
    expect(ids(successesOf(messages, { batchItemFailures: null }))).toEqual(['m1', 'm2', 'm3']);
    expect(ids(successesOf(messages, null))).toEqual(['m1', 'm2', 'm3']);
  });

  it('fails the whole batch on an unknown or empty identifier, as Lambda does', () => {
    expect(successesOf(messages, { batchItemFailures: [{ itemIdentifier: 'nope' }] })).toEqual([]);
    expect(successesOf(messages, { batchItemFailures: [{ itemIdentifier: '' }] })).toEqual([]);
  });
});
