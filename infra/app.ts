import { App } from 'aws-cdk-lib';
import { composeApp } from './compose.ts';

// The only App of the project. Configuration comes from CDK context (see config.ts and docs/infra.md).
const app = new App();
composeApp(app);
app.synth();
