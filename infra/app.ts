import { App } from 'aws-cdk-lib';
import { composeApp } from './compose.ts';
import { ConfigError } from './config.ts';

// The only App of the project. Configuration comes from CDK context (see config.ts and docs/infra.md).
const app = new App();
try {
  composeApp(app);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`news-ingest: invalid configuration: ${error.message}\n`);
  process.exit(1);
}
app.synth();
