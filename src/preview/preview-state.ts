import type { Problem } from '../errors.js';

/** What a member sees before opening the message, as the preview lists it. */
export interface MemberHeaders {
  subject: string;
  preheader: string;
  from: string;
  replyTo: string | undefined;
  to: string;
  listUnsubscribe: string | undefined;
}

/** One render of the issue for the preview: the sample member's message, or why there is none. */
export interface PreviewRender {
  /** The issue shown, once known. */
  issue: string | undefined;
  /** Undefined when the issue could not be rendered. */
  message: { headers: MemberHeaders; html: string; text: string } | undefined;
  problems: Problem[];
  /** An unexpected failure (a bug, not the coordinator's files), shown in the page. */
  error: string | undefined;
  /** How long the render took. */
  ms: number;
}

/**
 * What the page shows: the newest render's problems, and the last render that
 * produced a message, which stays on screen while the files have errors.
 */
export interface PreviewState {
  /** The newest render shown; the page reports it so tests and benchmarks can wait for it. */
  generation: number;
  latest: PreviewRender;
  /** The last render with a message, and its generation. */
  good: { generation: number; render: PreviewRender & { message: NonNullable<PreviewRender['message']> } } | undefined;
}

export const INITIAL_STATE: PreviewState = {
  generation: 0,
  latest: { issue: undefined, message: undefined, problems: [], error: undefined, ms: 0 },
  good: undefined,
};

/** Pure: the state after render `generation` finished. A render without a message keeps the last good one. */
export function applyRender(state: PreviewState, generation: number, render: PreviewRender): PreviewState {
  const good = render.message ? { generation, render: { ...render, message: render.message } } : state.good;
  return { generation, latest: render, good };
}

/** The last good render is on screen, but a newer one failed. */
export function isStale(state: PreviewState): boolean {
  return state.good !== undefined && state.good.generation !== state.generation;
}
