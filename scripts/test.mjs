#!/usr/bin/env node
// `npm test`: the lint and the type-check run beside vitest instead of before it. vitest leaves a
// core idle whenever its files wait on DynamoDB Local, a Lambda worker thread or Chromium; the two
// checks (about 20 s of CPU, mostly tsc parsing the SDK and CDK declarations) fill that time at a
// lower priority, so that they slow the tests down as little as possible. Their output is printed
// after vitest's; the command fails when any of the three fails. Arguments go to vitest.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';

const windows = process.platform === 'win32';
const npm = windows ? 'npm.cmd' : 'npm';
const vitest = fileURLToPath(new URL(`../node_modules/.bin/vitest${windows ? '.cmd' : ''}`, import.meta.url));

/** Runs a command; its output is kept (`quiet`) or goes to this process's. */
function run(command, args, { quiet = false, nice = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      shell: windows,
    });
    if (nice && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // a platform that refuses: the checks run at the normal priority
      }
    }
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function checks() {
  const results = [];
  for (const script of ['lint', 'typecheck']) {
    const result = await run(npm, ['run', '-s', script], { quiet: true, nice: 10 });
    results.push({ script, ...result });
  }
  return results;
}

const [checked, tests] = await Promise.all([checks(), run(vitest, ['run', ...process.argv.slice(2)])]);
let failed = tests.code !== 0;
for (const { script, code, output } of checked) {
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  process.stdout.write(`npm run ${script}: ${code === 0 ? 'ok' : `failed (exit code ${code})`}\n`);
  if (code !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
