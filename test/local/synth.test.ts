import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAssembly, staleReason } from '#local/synth.ts';

const root = mkdtempSync(join(tmpdir(), 'synth-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const touch = (path: string, seconds: number) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  const t = new Date(1_795_000_000_000 + seconds * 1000);
  utimesSync(path, t, t);
};

describe('cloud assembly freshness', () => {
  it('is stale when missing, or older than any source, and current otherwise', async () => {
    const out = join(root, 'cdk.out');
    expect(staleReason(out, root)).toMatch(/no cloud assembly/);
    touch(join(root, 'infra', 'app.ts'), 10);
    touch(join(root, 'functions', 'handlers', 'ingest.ts'), 20);
    touch(join(out, 'manifest.json'), 30);
    for (const dir of ['infra', 'functions', 'functions/handlers'])
      utimesSync(join(root, dir), new Date(1_795_000_000_000), new Date(1_795_000_000_000));
    expect(staleReason(out, root)).toBeUndefined();
    touch(join(root, 'functions', 'core', 'model', 'ner.json'), 40);
    expect(staleReason(out, root)).toMatch(/sources changed/);
    // a run that synthesized it keeps using it (no CDK app here: a synth would fail)
    writeFileSync(join(out, '.synth-run'), 'run-1');
    await expect(ensureAssembly({ root, cdkOut: out, runToken: 'run-1' })).resolves.toEqual({
      cdkOut: out,
      synthMs: 0,
    });
  });
});
