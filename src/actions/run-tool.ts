import { spawn } from 'node:child_process';
import { SnippetError } from '../errors.js';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program found on PATH, without a shell (the same on Windows), with
 * `input` on its stdin; resolves with its exit code and output. A program
 * that is not there is a SnippetError that names it and says what it is for.
 */
export async function runTool(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; input?: string; purpose: string },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new SnippetError(`${command} was not found on this computer`, { hint: options.purpose }));
      else reject(new SnippetError(`${command} could not be run: ${error.message}`, { hint: options.purpose }));
    });
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    // A program that exits without reading its input must not crash the run with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
