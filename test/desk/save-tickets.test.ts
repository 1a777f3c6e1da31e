import { describe, expect, it } from 'vitest';
import { SaveTickets } from '../../src/desk/save-tickets.js';

describe('the tickets between a save and the email frame that follows it', () => {
  it('holds the frame until its save settles, whichever comes first', async () => {
    const tickets = new SaveTickets();
    const order: string[] = [];
    const frame = tickets.after('first0001').then(() => order.push('frame'));
    await Promise.resolve();
    order.push('save');
    tickets.settle('first0001');
    await frame;
    expect(order).toEqual(['save', 'frame']);

    tickets.settle('second0002');
    await tickets.after('second0002');
    tickets.close();
  });

  it('lets every waiting frame go when the desk stops', async () => {
    const tickets = new SaveTickets();
    const frames = [tickets.after('waiting01'), tickets.after('waiting02')];
    tickets.close();
    await expect(Promise.all(frames)).resolves.toEqual([undefined, undefined]);
  });

  it('takes only tickets as the page makes them', () => {
    expect(SaveTickets.valid('m4b2k9x1q8z7')).toBe('m4b2k9x1q8z7');
    for (const bad of [undefined, null, '', 'short', 'UPPER12345', 'a'.repeat(65), ['m4b2k9x1q8z7'], '../etc/passwd'])
      expect(SaveTickets.valid(bad)).toBeUndefined();
  });
});
