// One Lambda execution environment of the local stack: a worker thread that imports the bundled
// function from cdk.out, with the function's environment as process.env, and runs one invocation
// at a time, as Lambda does. Plain JavaScript so that it needs no loader.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const { assetDir, handler, functionName, memoryMb, timeoutS, region, accountId } = workerData;

if ((process.env.NODE_OPTIONS ?? '').includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

const dot = handler.lastIndexOf('.');
const moduleBase = handler.slice(0, dot);
const exportName = handler.slice(dot + 1);
const candidates = ['.mjs', '.js', '.cjs'].map((ext) => join(assetDir, moduleBase + ext));
const file = candidates.find((f) => existsSync(f));

let fn;
const initStarted = performance.now();
try {
  if (!file) throw new Error(`no ${moduleBase}.mjs/.js/.cjs in ${assetDir}`);
  const mod = await import(pathToFileURL(file).href);
  fn = mod[exportName] ?? mod.default?.[exportName];
  if (typeof fn !== 'function') throw new Error(`${file} does not export a function named ${exportName}`);
  parentPort.postMessage({ type: 'ready', initMs: performance.now() - initStarted });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: serialize(error) });
}

function serialize(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

parentPort.on('message', async (msg) => {
  if (msg.type !== 'invoke' || !fn) return;
  const deadline = Date.now() + timeoutS * 1000;
  const requestId = randomUUID();
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  const started = performance.now();
  try {
    const result = await fn(msg.event, context);
    parentPort.postMessage({
      type: 'result',
      id: msg.id,
      ok: true,
      result: result ?? null,
      ms: performance.now() - started,
    });
  } catch (error) {
    parentPort.postMessage({
      type: 'result',
      id: msg.id,
      ok: false,
      error: serialize(error),
      ms: performance.now() - started,
    });
  }
});
