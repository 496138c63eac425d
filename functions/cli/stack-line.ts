import { readFileSync } from 'node:fs';
import { UsageError } from './command.ts';

/** The JSON line `npm start -- --serve` prints: where the local stack's resources are. */
export interface StackLine {
  readonly s3Endpoint?: string;
  readonly sqsEndpoint?: string;
  readonly dynamodbEndpoint?: string;
  readonly region?: string;
  readonly bucket?: string;
  readonly queue?: string;
  readonly dlq?: string | null;
  readonly table?: string;
}

/** Reads `--stack`: the JSON line itself, or a file holding it (the first line starting with `{`). */
export function readStackLine(value: string | undefined): StackLine {
  if (!value) return {};
  let text: string;
  try {
    text = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(
      `--stack ${value}: ${why} (give the JSON line \`npm start -- --serve\` prints, or a file holding it)`,
    );
  }
  try {
    const line = text
      .trim()
      .split('\n')
      .find((l) => l.trim().startsWith('{'));
    const parsed = JSON.parse(line ?? '') as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as StackLine;
  } catch {
    throw new UsageError(
      '--stack must be the JSON line printed by `npm start -- --serve`, or a file holding it',
    );
  }
}

/** A positive integer option, or the fallback when absent. */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive integer`);
  return n;
}

/** Progress on stderr: a bar redrawn in place on a terminal, plain lines at most every few seconds otherwise. */
export class Progress {
  private last = Number.NEGATIVE_INFINITY;
  private drawn = false;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = stream.isTTY ? 100 : 5000,
  ) {}

  update(done: number, total: number | undefined, detail = '', force = false): void {
    const now = performance.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    const count = total !== undefined ? `${done}/${total}` : String(done);
    if (this.stream.isTTY) {
      const width = 30;
      const ratio = total ? Math.min(1, done / total) : 0;
      const bar = total
        ? `[${'#'.repeat(Math.round(ratio * width)).padEnd(width, '.')}] ${Math.floor(ratio * 100)}% `
        : '';
      const columns = this.stream.columns ?? 100;
      this.stream.write(`\r\x1b[K${`${this.label} ${bar}${count} ${detail}`.slice(0, columns - 1)}`);
      this.drawn = true;
    } else {
      this.stream.write(`${this.label}: ${count}${detail ? ` ${detail}` : ''}\n`);
    }
  }

  /** Ends the bar's line (terminal) so what follows starts on a fresh line. */
  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
