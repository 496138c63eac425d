import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The integration files first (the longest ones lead), then the unit files: each worker then
 * switches project once, and the integration files, which mostly wait on DynamoDB Local, the
 * Lambda worker threads and Chromium, overlap the CPU-bound unit files at the end of the run.
 */
class IntegrationFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const integration = sorted.filter((f) => f.project.name === 'integration');
    return [...integration, ...sorted.filter((f) => f.project.name !== 'integration')];
  }
}

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // the entity model's bytes come from the committed artifact (the core reads no files)
    setupFiles: ['test/support/ner-model.ts'],
    // Two workers on this 2-core machine (vitest's default there is one, so every file waited for
    // the one before it, and a core idled whenever a file waited on Java, a worker thread or
    // Chromium). More than two adds CPU contention and a third copy of every module.
    maxWorkers: 2,
    sequence: { sequencer: IntegrationFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**'],
          // the files of a worker share its modules (the SDK, CDK, the entity model are imported
          // once per worker instead of once per file): 102 s -> 58 s of CPU for this project.
          // No unit test mocks modules; a file that stubs an SDK client (aws-sdk-client-mock) restores it
          // after its tests, and tests that change process.env restore it.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // one synth and one DynamoDB Local for every file (each isolates itself by names)
          globalSetup: ['test/integration/global-setup.ts'],
          // as for the unit files: a worker imports the SDK, the local stack and the core once,
          // not once per file (import time 31 s -> 11 s for this project). Each file isolates its
          // resources by a namespace of its own and restores the stdout/stderr spies it installs.
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
