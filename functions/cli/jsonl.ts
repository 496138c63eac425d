import { UnusableContentError } from '#core/errors.ts';

/**
 * The `--jsonl` modes of `parse` and `extract` share one rule: exactly one output line per
 * non-blank input line, in order; an input that cannot be used gets `{"id", "error": {"reason",
 * "message"}}`; the command exits 1 when any input could not be used (after writing every line,
 * with a count on stderr), 2 on a usage error, 0 otherwise.
 */

export interface ErrorLine {
  readonly id: unknown;
  readonly error: { readonly reason: string; readonly message: string };
}

/** The error line of an input: unusable content keeps its reason code, anything else is `fallback`. */
export function errorLine(id: unknown, error: unknown, fallback = 'UNPARSEABLE'): ErrorLine {
  if (error instanceof UnusableContentError)
    return { id, error: { reason: error.reason, message: error.message } };
  return { id, error: { reason: fallback, message: error instanceof Error ? error.message : String(error) } };
}

/** The exit code of a `--jsonl` run, with the count of unusable inputs on stderr. */
export function jsonlExitCode(command: string, failed: number): number {
  if (failed === 0) return 0;
  process.stderr.write(
    `news-ingest ${command}: ${failed} input(s) could not be used (their lines carry "error")\n`,
  );
  return 1;
}
