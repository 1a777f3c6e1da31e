import { afterEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../src/preview/debounce.js';
import type { PreviewRender } from '../../src/preview/preview-state.js';
import { createRenderJob } from '../../src/preview/render-job.js';

function rendered(subject: string): PreviewRender {
  const headers = { subject, preheader: '', from: 'a@example.org', replyTo: undefined, to: 'b@example.org', listUnsubscribe: undefined };
  return { issue: '2026-12', message: { headers, html: `<p>${subject}</p>`, text: subject }, problems: [], error: undefined, ms: 1 };
}

function failed(): PreviewRender {
  return {
    issue: '2026-12',
    message: undefined,
    problems: [{ severity: 'error', file: 'issues/2026-12.md', line: 3, message: 'bad' }],
    error: undefined,
    ms: 1,
  };
}

/** A render that finishes when the test says so. */
function controlled() {
  const pending: Array<(render: PreviewRender) => void> = [];
  return {
    render: () => new Promise<PreviewRender>((resolve) => pending.push(resolve)),
    finish: (index: number, render: PreviewRender) => pending[index]!(render),
  };
}

describe('createRenderJob', () => {
  it('never lets a slow render replace a newer one', async () => {
    const renders = controlled();
    const job = createRenderJob(renders.render);
    const first = job.request();
    const second = job.request();
    renders.finish(1, rendered('new'));
    await second;
    renders.finish(0, rendered('old'));
    await first;
    expect(job.current().generation).toBe(2);
    expect(job.current().good?.render.message.text).toBe('new');
  });

  it('keeps the last good render while the files have errors, and shows their problems', async () => {
    const results = [rendered('good'), failed(), rendered('fixed')];
    const job = createRenderJob(async () => results.shift()!);
    const seen: number[] = [];
    job.subscribe((state) => seen.push(state.generation));
    await job.request();
    await job.request();
    expect(job.current().good).toMatchObject({ generation: 1, render: { message: { text: 'good' } } });
    expect(job.current().latest.problems).toHaveLength(1);
    await job.request();
    expect(job.current().good?.generation).toBe(3);
    expect(job.current().latest.problems).toEqual([]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('shows a render that throws as an error instead of stopping', async () => {
    const job = createRenderJob(() => Promise.reject(new Error('boom')));
    await job.request();
    expect(job.current()).toMatchObject({ generation: 1, good: undefined, latest: { error: 'boom' } });
  });
});

describe('debounce', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once after a burst of calls', () => {
    vi.useFakeTimers();
    const action = vi.fn();
    const debounced = debounce(action, 100);
    debounced.call();
    vi.advanceTimersByTime(60);
    debounced.call();
    vi.advanceTimersByTime(60);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(action).toHaveBeenCalledTimes(1);
    debounced.call();
    debounced.cancel();
    vi.advanceTimersByTime(200);
    expect(action).toHaveBeenCalledTimes(1);
  });
});

describe('createRenderJob listeners', () => {
  it('drops a listener that throws and keeps telling the others', async () => {
    const job = createRenderJob(async () => rendered('x'));
    const seen: number[] = [];
    job.subscribe(() => {
      throw new Error('page went away');
    });
    job.subscribe((state) => seen.push(state.generation));
    await job.request();
    await job.request();
    expect(seen).toEqual([1, 2]);
  });
});
