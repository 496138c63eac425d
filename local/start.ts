// `npm start`: the entry point. Settings that must precede the AWS SDK's first import come first.
// The local stack runs on the machine's Node (20 here); the deployed functions use the template's runtime.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
