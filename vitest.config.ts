import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
