// The AWS SDK warns on Node 20 about its future Node 22 requirement; the CLI runs on both.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main, oneLine } = await import('./main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line; the stack trace only when NEWS_INGEST_DEBUG is set.
    const debug = Boolean(process.env.NEWS_INGEST_DEBUG);
    const text =
      error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`news-ingest: ${debug ? text : oneLine(text)}\n`);
    process.exitCode = 1;
  },
);
