import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../src/actions/send-command.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { deskClient } from '../support/desk-client.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const silent: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
let desk: DeskHandle;
const { call, signIn } = deskClient(() => desk);
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('delivery in the desk', () => {
  it('lists delivered and failed with the server’s words, on the list of issues and the issue’s status page', async () => {
    const ws = await sendWorkspace({ members: 3 });
    cleanup.push(() => ws.remove());
    const server = await startSmtpServer({ onRecipient: (address) => (address === ws.addresses[1] ? '550 5.1.1 No such mailbox here' : undefined) });
    cleanup.push(() => server.close());
    const outcome = await sendCommand(sendOptions(ws.dir, server.url), { onEvent: () => undefined });
    expect(outcome.result).toBe('sent');
    desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, silent);
    cleanup.push(() => desk.close());
    const cookie = await signIn();

    const list = await call('/', { headers: { Cookie: cookie } });
    expect(list.body).toContain('<a href="/issues/2026-12/status">2 of 3 delivered, 1 failed</a>');
    const status = await call('/issues/2026-12/status', { headers: { Cookie: cookie } });
    expect(status.status).toBe(200);
    expect(status.body).toMatch(/<th scope="row">Delivered<\/th><td>2<\/td>/u);
    expect(status.body).toContain(ws.addresses[1]);
    expect(status.body).toContain('No such mailbox here');
  });
});
