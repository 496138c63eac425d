// The AWS SDK warns on Node 20 about its future Node 22 requirement; the CLI runs on both.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`news-ingest: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
