import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { readMessage } from '../../src/mailbox/read-message.js';
test('one', () => {
  for (const f of (process.env.FILES ?? '').split(',')) {
    const r = readMessage(readFileSync(`test/fixtures/bounces/eml/${f}`), { unsubscribeAddresses: new Set() });
    console.log(f, r.kind, JSON.stringify(r.recipients.map((x) => [x.address, x.status, x.severity, x.words.slice(0, 250)])), r.originalMessageId);
  }
});
