import type { TestProject } from 'vitest/node';
import { startDynamo } from '../../local/emulators/dynamodb.ts';
import { ensureAssembly } from '../../local/synth.ts';

/**
 * Once per test run, before any integration file: the cloud assembly is synthesized (when the
 * sources changed) and one DynamoDB Local is started for every file, which isolate themselves by
 * table names (a namespace per file). The S3/SQS emulator is in-process and starts in a fraction
 * of a second, so each file has its own: its notification hooks run in that file's process.
 * Files that test DynamoDB itself (a restart) or the `npm start` command start their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const [assembly, dynamo] = await Promise.all([
    // the workers find it by the same run token (their parent is this process)
    ensureAssembly({ log, runToken: `vitest-${process.pid}` }),
    startDynamo({ log: () => {}, readyTimeoutMs: 150_000 }),
  ]);
  project.provide('cdkOut', assembly.cdkOut);
  project.provide('dynamodb', { endpoint: dynamo.endpoint, kind: dynamo.kind });
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    cdkOut: string;
    dynamodb: { endpoint: string; kind: 'dynamodb-local' | 'dynalite' };
  }
}
