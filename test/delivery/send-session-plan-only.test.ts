import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src/contacts/member.js';
import type { DeliveryPlan } from '../../src/delivery/delivery-plan.js';
import type { Mailer } from '../../src/delivery/send-result.js';
import { runSendSession, type SendSessionInput } from '../../src/delivery/send-session.js';
import { ledgerPath } from '../../src/delivery/state-paths.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const members: Member[] = ['a', 'b'].map((name, i) => ({ email: `${name}@example.org`, key: `${name}@example.org`, name, lists: ['members'], line: i + 2 }));

const noMailer = (): Promise<Mailer> => Promise.reject(new Error('no mailer is needed: nothing is sent'));

async function session(dir: string, choose: SendSessionInput['choose'], dryRun = false) {
  return runSendSession({
    dir,
    command: 'send --due',
    dryRun,
    issues: [{ id: '2026-12', mode: 'list', testTo: [], lists: undefined, prepare: () => Promise.reject(new Error('not chosen')) }],
    planOnly: [{ id: '2027-01', mode: 'list', testTo: [], lists: undefined }],
    members,
    suppressions: [],
    resendInDoubt: false,
    mailer: noMailer,
    transport: 'smtp',
    rates: [],
    connections: 1,
    retry: { attempts: 1, firstDelayMs: 10 },
    stopAfterFailures: 5,
    maxWaitMs: 1_000,
    timeZone: 'Europe/London',
    clock: { now: () => Date.parse('2026-12-01T09:15:00Z'), sleep: async () => undefined },
    choose,
  });
}

describe('a send session given issues only to plan (send --due: the issues still to come)', () => {
  it('plans them from their ledgers in the same session, never opening them for writing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-plan-only-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // January went out early to a, in full but for b.
    const january = ledgerPath(dir, '2027-01', 'list');
    await mkdir(dirname(january), { recursive: true });
    await writeFile(
      january,
      '{"type":"attempt","at":"2026-11-30T10:00:00.000Z","to":"a@example.org","messageId":"<1>"}\n{"type":"delivered","at":"2026-11-30T10:00:01.000Z","to":"a@example.org","response":"250 ok"}\n',
    );
    const seen = new Map<string, DeliveryPlan>();
    const result = await session(dir, async (plans) => {
      for (const [id, plan] of plans) seen.set(id, plan);
      return [];
    });
    expect([...seen.keys()]).toEqual(['2026-12', '2027-01']);
    expect(seen.get('2027-01')!.send.map((r) => r.key)).toEqual(['b@example.org']);
    expect(seen.get('2027-01')!.alreadyDelivered).toBe(1);
    expect(result.plans.get('2027-01')).toBe(seen.get('2027-01'));
    // The due issue's ledger is opened (created) for the run; the planned one is only read.
    expect(existsSync(ledgerPath(dir, '2026-12', 'list'))).toBe(true);
  });

  it('creates no ledger for an issue it only plans', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-plan-only-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await session(dir, async () => []);
    expect(existsSync(ledgerPath(dir, '2027-01', 'list'))).toBe(false);
  });

  it('refuses to send an issue it was given only to plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-plan-only-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await expect(session(dir, async () => ['2027-01'])).rejects.toThrow(/given only to plan/u);
  });
});
