import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './workspace.js';

export interface PreviewProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL once the preview says where it is. */
  url: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs the built `snippet preview` as a user would. Every wait on it is bounded by the caller. */
export function startPreviewProcess(args: string[], cwd: string): PreviewProcess {
  const child = spawn(process.execPath, [CLI, 'preview', ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, TZ: 'UTC', NO_COLOR: '1' } });
  let text = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const found = /at (http:\/\/\S+)/u.exec(text);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`preview exited before serving:\n${text}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, url, exited };
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms).unref())]);
}
