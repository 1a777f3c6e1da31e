import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { floorSend } from '../../bench/promise-floor.mjs';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { tempDirPerTest } from '../support/temp-dir.js';

// The benchmark's floor is read against snippet's send, so it must be a real client that keeps the same
// promise: every message delivered once and whole, and (durable) each attempt in snippet's ledger before its data.
const RAW = Buffer.from(
  ['From: bench@example.org', 'Subject: floor', '', '.a line that starts with a dot', 'plain text', '..two dots', 'the end'].join('\r\n') + '\r\n',
);

const temp = tempDirPerTest('snippet-floor-test-');
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("the benchmark's promise floor", () => {
  it.each([
    { connections: 1, durable: true },
    { connections: 3, durable: true },
    { connections: 3, durable: false },
  ])('$connections connection(s), durable $durable: every message once and whole', async ({ connections, durable }) => {
    const ledger = (): Array<{ type: string; to: string }> =>
      durable
        ? readFileSync(join(temp.dir, 'ledger.jsonl'), 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { type: string; to: string })
        : [];
    const attemptedWhenDataCame: boolean[] = [];
    const server = await startSmtpServer({
      onMessage: (message) => {
        const to = message.to[0];
        attemptedWhenDataCame.push(!durable || ledger().some((event) => event.type === 'attempt' && event.to === to));
      },
    });
    close = server.close;
    const messages = 40;
    const ms = await floorSend({ port: server.port, connections, messages, raw: RAW, durable, folder: temp.dir });

    expect(ms).toBeGreaterThan(0);
    expect(server.messages).toHaveLength(messages);
    expect(new Set(server.messages.map((m) => m.to[0])).size).toBe(messages);
    for (const message of server.messages) expect(message.raw.equals(RAW)).toBe(true);
    expect(attemptedWhenDataCame).toEqual(Array.from({ length: messages }, () => true));
    if (durable) {
      const events = ledger();
      expect(events.filter((event) => event.type === 'attempt')).toHaveLength(messages);
      expect(events.filter((event) => event.type === 'delivered')).toHaveLength(messages);
    }
  });
});
