import { describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import { WorkQueue } from '../../src/delivery/work-queue.js';

const people = (...names: string[]): Recipient[] => names.map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org` }));
const keys = (recipients: readonly Recipient[]): string[] => recipients.map((r) => r.key.split('@')[0]!);

describe('WorkQueue', () => {
  it('hands out fresh recipients in order, each once', () => {
    const queue = new WorkQueue(people('a', 'b', 'c'));
    expect(queue.size).toBe(3);
    expect(queue.earliestReady()).toBe(0);
    const taken = [queue.take(0), queue.take(0), queue.take(0)];
    expect(taken.map((item) => item?.recipient.email)).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(taken.every((item) => item?.tries === 0)).toBe(true);
    expect(queue.take(0)).toBeUndefined();
    expect(queue.size).toBe(0);
    expect(queue.earliestReady()).toBe(Infinity);
  });

  it('holds a retry back until its time, then puts it before fresh recipients', () => {
    const queue = new WorkQueue(people('a', 'b', 'c'));
    const a = queue.take(0)!;
    a.tries = 1;
    queue.retryAt(a, 500);
    expect(queue.size).toBe(3);
    expect(queue.take(499)?.recipient.key).toBe('b@example.org');
    expect(queue.take(500)).toBe(a);
    expect(queue.take(500)?.recipient.key).toBe('c@example.org');
  });

  it('says when the earliest retry is due once no fresh recipient is left', () => {
    const queue = new WorkQueue(people('a', 'b'));
    const a = queue.take(0)!;
    const b = queue.take(0)!;
    queue.retryAt(a, 900);
    queue.retryAt(b, 300);
    expect(queue.earliestReady()).toBe(300);
    expect(queue.take(299)).toBeUndefined();
    expect(queue.take(300)).toBe(b);
  });

  it('takes back an untried recipient first, and a tried one as a waiting retry', () => {
    const queue = new WorkQueue(people('a', 'b', 'c'));
    const a = queue.take(0)!;
    queue.putBack(a);
    expect(queue.take(0)).toBe(a);
    a.tries = 1;
    a.notBefore = 200;
    queue.putBack(a);
    expect(queue.take(0)?.recipient.key).toBe('b@example.org');
    expect(queue.take(200)).toBe(a);
  });

  it('forgets a waiting retry for good', () => {
    const queue = new WorkQueue(people('a'));
    const a = queue.take(0)!;
    queue.retryAt(a, 100);
    queue.forget(a);
    expect(queue.size).toBe(0);
    expect(queue.take(1_000)).toBeUndefined();
    queue.forget(a);
    expect(queue.size).toBe(0);
  });

  it('leaves the untried in list order and the waiting retries as deferred', () => {
    const queue = new WorkQueue(people('a', 'b', 'c', 'd', 'e'));
    const a = queue.take(0)!;
    const b = queue.take(0)!;
    const c = queue.take(0)!;
    queue.putBack(b);
    queue.putBack(a);
    c.tries = 1;
    queue.retryAt(c, 100);
    const left = queue.leftovers();
    expect(keys(left.notAttempted)).toEqual(['a', 'b', 'd', 'e']);
    expect(left.deferred).toEqual([c]);
  });

  it('peeks at the recipient the next take hands out, leaving it in the queue', () => {
    const queue = new WorkQueue(people('a', 'b', 'c'));
    expect(queue.peek(0)?.key).toBe('a@example.org');
    const a = queue.take(0)!;
    const b = queue.take(0)!;
    queue.putBack(b);
    expect(queue.peek(0)).toBe(b.recipient);
    expect(queue.take(0)).toBe(b);
    a.tries = 1;
    queue.retryAt(a, 500);
    expect(queue.peek(499)?.key).toBe('c@example.org');
    expect(queue.peek(500)).toBe(a.recipient);
    expect(queue.take(500)).toBe(a);
    expect(queue.take(500)?.recipient.key).toBe('c@example.org');
    expect(queue.peek(500)).toBeUndefined();
  });
});
