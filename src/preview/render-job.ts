import { applyRender, INITIAL_STATE, type PreviewRender, type PreviewState } from './preview-state.js';

export interface RenderJob {
  /** Starts a render; resolves once it has been shown or discarded. */
  request(): Promise<void>;
  current(): PreviewState;
  /** Called with every state shown; returns a function that unsubscribes. */
  subscribe(listener: (state: PreviewState) => void): () => void;
}

/**
 * Runs renders as files change. Renders may overlap (a save during a slow
 * render starts another at once, so the newest text is never queued behind
 * old work); each gets the next generation number, and a result older than
 * the one on screen is dropped, so a slow render never replaces a newer one.
 * `render` must not throw; anything it does throw is shown as an error.
 */
export function createRenderJob(render: () => Promise<PreviewRender>): RenderJob {
  let started = 0;
  let state = INITIAL_STATE;
  const listeners = new Set<(state: PreviewState) => void>();

  return {
    async request() {
      started += 1;
      const generation = started;
      const result = await render().catch((error: unknown): PreviewRender => ({
        issue: state.latest.issue,
        message: undefined,
        problems: [],
        error: error instanceof Error ? error.message : String(error),
        ms: 0,
      }));
      if (generation <= state.generation) return;
      state = applyRender(state, generation, result);
      for (const listener of listeners) {
        try {
          listener(state);
        } catch {
          // One page that went away (a closed event stream) must not stop the others, or the preview.
          listeners.delete(listener);
        }
      }
    },
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
