import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { sendAction, sendOptions } from '../support/send-workspace.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

async function greetingIn(file: string): Promise<string> {
  const parsed = await simpleParser(await readFile(join(ws.dir, 'outbox', file)));
  return (parsed.text ?? '').split('\n').find((line) => line.startsWith('Dear ')) ?? '';
}

/** `snippet send 2026-11 --outbox outbox --yes` in this process. */
const sendNovember = (render = renderInProcess) =>
  sendAction(sendOptions(ws.dir, '', { issue: '2026-11', smtp: {}, outbox: join(ws.dir, 'outbox'), early: false, render }));

describe('the greeting in what send writes', () => {
  it('send dropped greeting_name on the way to the message: each member gets their own greeting', async () => {
    // Rendered in the render child, as the CLI's send renders: the whole way to the message.
    const sent = await sendNovember(undefined);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(await greetingIn('pmhn-coordinator@example.org.eml')).toBe('Dear Morag,');
    expect(await greetingIn('dr.anna.kowalska@example.org.eml')).toBe('Dear Anna,');
    // No greeting_name, and the sample config's greeting is colleague: no first name guessed.
    expect(await greetingIn('jodie.clark@example.org.eml')).toBe('Dear colleague,');
  });

  it('uses the full name when the network says greeting: full-name', async () => {
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace('greeting: colleague', 'greeting: full-name'));
    const sent = await sendNovember();
    expect(sent.code).toBe(0);
    expect(await greetingIn('jodie.clark@example.org.eml')).toBe('Dear Jodie Clark,');
    expect(await greetingIn('dr.anna.kowalska@example.org.eml')).toBe('Dear Anna,');
  });
});
