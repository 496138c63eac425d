import { describe, expect, it } from 'vitest';
import { UsageError } from '../../functions/cli/command.ts';
import { Progress, positiveInt, readStackLine } from '../../functions/cli/stack-line.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = {
    isTTY,
    columns: 80,
    write: (s: string) => {
      writes.push(s);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('Progress', () => {
  it('redraws one bar in place on a terminal', () => {
    const { stream, writes } = fakeStream(true);
    const p = new Progress('backfill', stream, 0);
    p.update(5, 20, 'listed');
    p.update(20, 20, 'listed');
    p.done();
    expect(writes[0]).toBe(`\r\x1b[Kbackfill [${'#'.repeat(8)}${'.'.repeat(22)}] 25% 5/20 listed`);
    expect(writes[1]).toContain('100% 20/20');
    expect(writes.at(-1)).toBe('\n');
    expect(writes.every((w) => !w.includes('\n') || w === '\n')).toBe(true);
  });

  it('writes plain lines, throttled, when not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const p = new Progress('redrive', stream, 60_000);
    p.update(1, undefined);
    p.update(2, undefined); // within the interval: skipped
    p.update(3, 10, 'moved', true);
    p.done();
    expect(writes).toEqual(['redrive: 1\n', 'redrive: 3/10 moved\n']);
  });
});

describe('command-line helpers', () => {
  it('reads the --serve line from JSON or from a file-like text, and refuses anything else', () => {
    expect(readStackLine('{"queue":"q","dlq":null}')).toEqual({ queue: 'q', dlq: null });
    expect(readStackLine(undefined)).toEqual({});
    expect(() => readStackLine('{not json')).toThrow(UsageError);
    expect(() => readStackLine('/nonexistent/stack.json')).toThrow(UsageError);
  });

  it('validates positive integers', () => {
    expect(positiveInt(undefined, '--max', 7)).toBe(7);
    expect(positiveInt('3', '--max', 7)).toBe(3);
    expect(() => positiveInt('0', '--max', 7)).toThrow(/--max/);
    expect(() => positiveInt('2.5', '--max', 7)).toThrow(/--max/);
  });
});
