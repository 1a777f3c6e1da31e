import { describe, expect, it } from 'vitest';
import type { SendEvent } from '../../src/actions/send-events.js';
import { testAddressProblem } from '../../src/actions/test-send-address.js';
import type { SendReport } from '../../src/delivery/send-engine.js';
import { errorWords } from '../../src/desk/error-words.js';
import { testSendWords } from '../../src/desk/send-routes.js';
import { countSend, sendWords } from '../../src/desk/send-words.js';
import { SnippetError } from '../../src/errors.js';

const recipient = { email: 'anna@example.org', key: 'anna@example.org' } as never;
const plan = { send: [recipient], audience: 1, suppressed: [], alreadyDelivered: 0, alreadyFailed: 0, inDoubt: [], retrying: 0 };
function report(partial: Partial<SendReport>): SendEvent {
  const full: SendReport = { delivered: [], failed: [], inDoubt: [], deferred: [], notAttempted: [], stop: undefined, ...partial } as SendReport;
  return { type: 'report', issue: '2026-12', plan, report: full, elapsedMs: 10, bouncesAdded: 0, suppressionFailure: undefined };
}

describe('the address a test goes to', () => {
  it.each([
    ['', 'Type the address the test goes to'],
    ['anna@example.org, ben@example.org', 'One address only'],
    ['anna@example.org;ben@example.org', 'One address only'],
    ['anna@example.org ben@example.org', 'One address only'],
    ['anna@example.orgben@example.org', 'One address only'],
    ['anna at example.org', '"anna at example.org" is not an email address'],
    ['anna@', '"anna@" is not an email address'],
    ['javascript:alert(1)', '"javascript:alert(1)" is not an email address'],
  ])('%j is refused: %s', (typed, said) => {
    expect(testAddressProblem(typed)).toContain(said);
  });

  it('takes one address, with spaces around it', () => {
    expect(testAddressProblem('  anna@example.org ')).toBeUndefined();
  });
});

describe('what came of a test, in a sentence', () => {
  it('says the server took it, or gives the server’s words', () => {
    expect(testSendWords([report({ delivered: [recipient] })], 'anna@example.org', '10:05')).toBe(
      'Test sent to anna@example.org at 10:05: the mail server took it. Look in that inbox for the subject starting “[TEST]”.',
    );
    expect(testSendWords([report({ failed: [{ recipient, reason: '550 5.1.1 No such user', bounced: true }] })], 'anna@example.org', '10:05')).toBe(
      'The mail server refused the test to anna@example.org: 550 5.1.1 No such user',
    );
    expect(testSendWords([report({ deferred: [{ recipient, reason: '451 try later' }] })], 'anna@example.org', '10:05')).toContain(
      'Try again in a few minutes',
    );
    expect(testSendWords([report({ inDoubt: [{ recipient, reason: 'no reply' }] })], 'anna@example.org', '10:05')).toContain('may or may not have arrived');
    expect(testSendWords([], 'anna@example.org', '10:05')).toBe('The test to anna@example.org was not sent.');
  });
});

describe('a send to the list, in the desk’s words', () => {
  it('counts each member as the engine settles them', () => {
    const route = { transport: 'smtp://127.0.0.1:2525', connections: 1, rates: [] };
    let counts = countSend(
      { total: 0, delivered: 0, notDelivered: 0 },
      { type: 'started', issue: '2026-12', mode: 'list', count: 2, route, timeZone: 'Europe/London', at: 0 },
    );
    const outcome = (status: 'delivered' | 'failed'): SendEvent => ({
      type: 'progress',
      issue: '2026-12',
      at: 0,
      event: {
        type: 'outcome',
        recipient,
        settled: 1,
        total: 2,
        result: status === 'delivered' ? { status, response: '250 ok' } : { status, reason: '550 no', noSuchUser: true },
      },
    });
    counts = countSend(countSend(counts, outcome('delivered')), outcome('failed'));
    expect(counts).toEqual({ total: 2, delivered: 1, notDelivered: 1 });
    expect(sendWords(outcome('failed'))).toEqual(['Refused for anna@example.org: 550 no']);
    expect(sendWords(outcome('delivered'))).toEqual([]);
  });

  it('ends with what was delivered and what is left', () => {
    expect(sendWords(report({ delivered: [recipient], notAttempted: [recipient] }))).toEqual([
      'Done: 1 delivered, 0 failed, 0 in doubt, 1 left for the next run, 0 suppressed.',
      'The rest go in the next scheduled run (`snippet send --due` from cron), or press Send now again later.',
    ]);
  });
});

describe('errors as the desk says them', () => {
  it('starts a sentence with a capital, but never changes an address or a file name', () => {
    expect(errorWords(new SnippetError('the mail server is not set up', { hint: 'Put it in snippet.env.' }))).toBe(
      'The mail server is not set up. Put it in snippet.env.',
    );
    expect(errorWords(new SnippetError('anna@example.orgg is not on the mailing list; did you mean anna@example.org?'))).toBe(
      'anna@example.orgg is not on the mailing list; did you mean anna@example.org?',
    );
    expect(errorWords(new SnippetError('snippet.env has lines that cannot be read'))).toBe('snippet.env has lines that cannot be read.');
  });
});
