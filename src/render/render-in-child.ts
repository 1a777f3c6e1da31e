import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SnippetError, type ErrorKind, type Problem } from '../errors.js';
import type { IssueRenderer, IssueToRender } from './issue-renderer.js';
import type { RenderedIssue } from './render-issue.js';

/**
 * What the child reads on stdin: an IssueToRender with its date as text, and
 * how long the child may take before it stops itself (the sender's limit and
 * CHILD_LIMIT_MARGIN_MS: the sender stops it first while it is there).
 */
export type RenderRequest = Omit<IssueToRender, 'sendAt'> & { sendAt: string; limitMs: number };

/** How much longer than the sender's limit the child's own limit is. */
export const CHILD_LIMIT_MARGIN_MS = 5_000;

/** What the child writes on stdout: the rendered issue, or the SnippetError that stopped it. */
export type RenderReply =
  { rendered: RenderedIssue } | { error: { message: string; kind: ErrorKind; hint?: string; file?: string; line?: number; problems: Problem[] } };

/** `src/render/` and `dist/render/` both sit two levels below the root; tests run from src/ use the built child. */
export const RENDER_CHILD = fileURLToPath(new URL('../../dist/render/render-child.js', import.meta.url));

export interface ChildRendererOptions {
  /** The script to run; the built render-child.js unless a test says otherwise. */
  entry?: string;
  /** A child that takes longer is killed: a render takes about a second. */
  timeoutMs?: number;
}

/**
 * Renders in a short-lived Node process. MJML and its minifier take about
 * 55 MB that a process never gives back (peak RSS is a high-water mark), so a
 * long send renders this way and keeps only the result. A worker thread of
 * the sender would not help: it shares the process's memory.
 */
export function childRenderer(options: ChildRendererOptions = {}): IssueRenderer {
  return (input) => renderWith(startChild(options.entry ?? RENDER_CHILD), input, options);
}

/** A renderer whose child process was started ahead of its render; `dispose` stops it if it is never used. */
export interface WarmRenderer {
  render: IssueRenderer;
  dispose(): void;
}

/**
 * A childRenderer whose child starts now, so that it loads MJML while this
 * process reads the workspace (the two took turns before). Its first render
 * uses that child, any later one a fresh child; `dispose` stops a child
 * that was never asked to render (the issue had errors).
 */
export function warmChildRenderer(options: ChildRendererOptions = {}): WarmRenderer {
  const entry = options.entry ?? RENDER_CHILD;
  let warm: StartedChild | undefined = startChild(entry);
  return {
    render: (input) => {
      const child = warm ?? startChild(entry);
      warm = undefined;
      return renderWith(child, input, options);
    },
    dispose: () => {
      warm?.stop();
      warm = undefined;
    },
  };
}

async function renderWith(child: StartedChild, input: IssueToRender, options: ChildRendererOptions): Promise<RenderedIssue> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const request: RenderRequest = { ...input, sendAt: input.sendAt.toISOString(), limitMs: timeoutMs + CHILD_LIMIT_MARGIN_MS };
  const ran = await child.run(JSON.stringify(request), timeoutMs);
  if (ran.timedOut) throw new Error(`rendering the issue in a child process took longer than ${timeoutMs / 1000} s and was stopped`);
  const reply = parseReply(ran.stdout);
  if (ran.code !== 0 || reply === undefined) {
    const why = ran.code !== 0 ? `it exited with ${ran.signal ?? `code ${ran.code}`}` : 'its output was not a rendered issue';
    const detail = ran.stderr.trim() || ran.stdout.trim().slice(0, 200);
    throw new Error(`rendering the issue in a child process failed: ${why}${detail ? `\n${detail}` : ''}`);
  }
  if ('rendered' in reply) return reply.rendered;
  const { message, kind, hint, file, line, problems } = reply.error;
  throw new SnippetError(message, { kind, hint, file, line, problems });
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** A render child, started and waiting for its request on stdin. */
interface StartedChild {
  /** Sends the request and waits for the child to end; it is killed once `timeoutMs` have passed from now. */
  run(input: string, timeoutMs: number): Promise<ChildRun>;
  /** Kills it, unless it has ended. */
  stop(): void;
}

function startChild(entry: string): StartedChild {
  // The renderer needs no secrets: SMTP passwords and the unsubscribe secret stay here.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SNIPPET_')));
  // Its own process group: a first Ctrl-C asks the send to stop after what
  // it is doing, so it must not kill the render and read as a crash. The IPC
  // channel carries nothing: the child stops itself when it closes, which is
  // when this process is gone, however it ended (on Windows too, where a
  // child's parent id does not change when its parent dies).
  // (Node's types know the three pipes only when stdio has three entries.)
  const child = spawn(process.execPath, [entry], { env, stdio: ['pipe', 'pipe', 'pipe', 'ipc'], detached: true }) as ChildProcessWithoutNullStreams;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // A child that dies before reading its input: its exit says why.
  child.stdin.on('error', () => {});
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  // A child never asked to render may fail to start unnoticed: nothing waits for it.
  ended.catch(() => undefined);
  let timedOut = false;
  return {
    run: async (input, timeoutMs) => {
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      try {
        child.stdin.end(input);
        const { code, signal } = await ended;
        return { code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut };
      } finally {
        clearTimeout(timer);
      }
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function parseReply(text: string): RenderReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const reply = value as Partial<{ rendered: Partial<RenderedIssue>; error: { message?: unknown; problems?: unknown } }>;
  const r = reply.rendered;
  if (
    r &&
    typeof r.subject === 'string' &&
    typeof r.preheader === 'string' &&
    typeof r.html === 'string' &&
    typeof r.text === 'string' &&
    Array.isArray(r.problems)
  ) {
    return value as RenderReply;
  }
  if (reply.error && typeof reply.error.message === 'string' && Array.isArray(reply.error.problems)) return value as RenderReply;
  return undefined;
}
