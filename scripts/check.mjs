// `npm run check`: lint, formatting, typecheck and the build side by side,
// then the tests once all four have passed. None of the four needs another's
// output, and each is mostly one busy core: run one after another they took
// the sum of their times (about 50 s on two cores), side by side about the
// longest, lint's. Each step's output is printed whole when it ends, so that
// the four do not interleave; the tests print as they run.
// The build here is `build:emit`: tsc writes dist/ without type-checking src
// again (`--noCheck`, the same files byte for byte), since typecheck checks
// src with the same options in its own program; `npm run build` alone still
// checks. That is a TypeScript program fewer, about a tenth of the four's CPU.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const STEPS = ['lint', 'format:check', 'typecheck', 'build:emit'];

// npm sets npm_execpath for the scripts it runs; `npm` on PATH otherwise.
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

/** Runs `npm run NAME`, its output kept; resolves with its exit code, output and seconds taken. */
function runStep(name) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm[0], [...npm.slice(1), 'run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString(), seconds });
    });
  });
}

const results = await Promise.all(
  STEPS.map((name) =>
    runStep(name).then((result) => {
      process.stdout.write(`\n── ${result.name}: ${result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`} in ${result.seconds} s\n${result.output}`);
      return result;
    }),
  ),
);
const failed = results.filter((result) => result.code !== 0).map((result) => result.name);
if (failed.length > 0) {
  process.stdout.write(`\nnpm run check: ${failed.join(', ')} failed; the tests were not run.\n`);
  process.exit(1);
}

process.stdout.write('\n── tests (vitest run)\n');
const tests = spawn(npm[0], [...npm.slice(1), 'exec', '--', 'vitest', 'run'], { stdio: 'inherit' });
tests.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
