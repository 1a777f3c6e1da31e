import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/mailbox/read-message.js';

const options = { unsubscribeAddresses: new Set(['unsubscribe@pmhn.example.org']) };
const read = (lines: string[] | string): ReturnType<typeof readMessage> => readMessage(Array.isArray(lines) ? lines.join('\r\n') : lines, options);
const OURS = 'snippet.2026-11.q2k1Xc0aZ9bq3L8mNw4e1A@pmhn.example.org';

/** A Microsoft 365 non-delivery report for one of our messages, as Exchange Online writes it. */
function microsoftReport(status: string, words: string): string[] {
  return [
    'From: Microsoft Outlook <postmaster@nhs.scot>',
    'To: <snippet@pmhn.example.org>',
    'Subject: Undeliverable: Perinatal network snippet, November',
    'Auto-Submitted: auto-replied',
    'Message-ID: <ndr-1@nhs.scot>',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    "Your message to anna.k@nhs.scot couldn't be delivered.",
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns;AM0PR01MB.eurprd01.prod.outlook.com',
    '',
    'Final-recipient: RFC822; anna.k@nhs.scot',
    'Action: failed',
    `Status: ${status}`,
    `Diagnostic-code: smtp; ${words}`,
    '',
    '--b1',
    'Content-Type: text/rfc822-headers',
    '',
    'From: PMHN <snippet@pmhn.example.org>',
    'To: anna.k@nhs.scot',
    `Message-ID: <${OURS}>`,
    'Subject: Perinatal network snippet, November',
    '',
    '--b1--',
    '',
  ];
}

describe('readMessage', () => {
  it('reads a Microsoft 365 report: the recipient, hard, the server’s words, and our issue from the returned Message-ID', () => {
    const reading = read(microsoftReport('5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'));
    expect(reading.kind).toBe('hard');
    expect(reading.recipients).toEqual([
      {
        address: 'anna.k@nhs.scot',
        status: '5.1.10',
        severity: 'hard',
        words: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      },
    ]);
    expect(reading.originalMessageId).toBe(OURS);
    expect(reading.issue).toBe('2026-11');
    expect(reading.messageId).toBe('ndr-1@nhs.scot');
  });

  it('reads a full mailbox as soft, whatever the code class says of it', () => {
    const reading = read(microsoftReport('5.2.2', '552 5.2.2 Mailbox full; quota exceeded'));
    expect(reading.kind).toBe('soft');
    expect(reading.recipients[0]!.severity).toBe('soft');
  });

  it('reads a delay warning (Action: delayed) as soft, never hard', () => {
    const lines = microsoftReport('5.1.1', '550 5.1.1 user unknown').map((line) => (line === 'Action: failed' ? 'Action: delayed' : line));
    expect(read(lines).kind).toBe('soft');
  });

  it('reads a success report (Action: delivered) as delivered', () => {
    const lines = microsoftReport('2.0.0', '250 2.0.0 OK').map((line) => (line === 'Action: failed' ? 'Action: delivered' : line));
    expect(read(lines).kind).toBe('delivered');
  });

  it('never reads an out-of-office reply as a bounce, even when it quotes words of one', () => {
    const reading = read([
      'From: Anna Kowalska <anna.k@nhs.scot>',
      'To: snippet@pmhn.example.org',
      'Subject: Automatic reply: Perinatal network snippet, November',
      'Auto-Submitted: auto-replied',
      `In-Reply-To: <${OURS}>`,
      '',
      'I am on leave until Monday. Mail to my old address anna@old.example gets 550 5.1.1 user unknown.',
    ]);
    expect(reading.kind).toBe('auto-reply');
    expect(reading.recipients).toEqual([]);
    expect(reading.issue).toBe('2026-11');
  });

  it('knows an auto-reply by its subject alone, and by X-Autoreply or Precedence: auto_reply', () => {
    for (const header of ['Subject: Out of Office: snippet', 'X-Autoreply: yes', 'Precedence: auto_reply']) {
      const reading = read([`From: someone@example.org`, 'To: snippet@pmhn.example.org', header, 'Subject: Re: snippet', '', 'Away.']);
      expect(reading.kind, header).toBe('auto-reply');
    }
  });

  it('reads a spam complaint (ARF) with the complaining address', () => {
    const reading = read([
      'From: feedbackloop@mail.example.net',
      'To: abuse@pmhn.example.org',
      'Subject: Abuse Report',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="f"',
      '',
      '--f',
      'Content-Type: text/plain',
      '',
      'This is an email abuse report.',
      '--f',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'Original-Rcpt-To: <beth@example.net>',
      '--f',
      'Content-Type: message/rfc822',
      '',
      `Message-ID: <${OURS}>`,
      'To: beth@example.net',
      '',
      'body',
      '--f--',
    ]);
    expect(reading.kind).toBe('complaint');
    expect(reading.recipients.map((r) => r.address)).toEqual(['beth@example.net']);
    expect(reading.issue).toBe('2026-11');
  });

  describe('unsubscribe requests', () => {
    const request = (extra: string[]): string[] => [
      'From: Anna Kowalska <anna.k@nhs.scot>',
      'To: unsubscribe@pmhn.example.org',
      'Subject: unsubscribe anna.k@nhs.scot AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      ...extra,
      '',
      'This message was sent by the unsubscribe link.',
    ];

    it('reads the address and the token from the subject the List-Unsubscribe link wrote', () => {
      const reading = read(request([]));
      expect(reading.kind).toBe('unsubscribe');
      expect(reading.unsubscribe).toEqual({ address: 'anna.k@nhs.scot', token: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345', from: 'anna.k@nhs.scot', dmarcPass: false });
    });

    it('trusts DMARC only from the topmost Authentication-Results (the receiving server’s), not one further down', () => {
      const passedOnArrival = read([
        'Authentication-Results: mx.pmhn.example.org; spf=pass smtp.mailfrom=nhs.scot; dkim=pass header.d=nhs.scot; dmarc=pass header.from=nhs.scot',
        ...request([]),
      ]);
      expect(passedOnArrival.unsubscribe?.dmarcPass).toBe(true);
      const forgedBelow = read([
        'Authentication-Results: mx.pmhn.example.org; spf=fail smtp.mailfrom=nhs.scot; dmarc=fail header.from=nhs.scot',
        ...request(['Authentication-Results: mx.pmhn.example.org; dmarc=pass header.from=nhs.scot']),
      ]);
      expect(forgedBelow.unsubscribe?.dmarcPass).toBe(false);
    });

    it('reads a DMARC pass for another domain than the From as no pass', () => {
      const reading = read(['Authentication-Results: mx.pmhn.example.org; dmarc=pass header.from=evil.example', ...request([])]);
      expect(reading.unsubscribe?.dmarcPass).toBe(false);
    });

    it('reads a plain "please unsubscribe me" to the unsubscribe address as a request for the sender, with no token', () => {
      const reading = read(['From: beth@example.net', 'To: unsubscribe@pmhn.example.org', 'Subject: please take me off', '', 'thanks']);
      expect(reading.kind).toBe('unsubscribe');
      expect(reading.unsubscribe).toMatchObject({ address: 'beth@example.net', token: undefined });
    });
  });

  it('reads ordinary mail as other', () => {
    const reading = read(['From: carol@example.org', 'To: snippet@pmhn.example.org', 'Subject: Training dates for March', '', 'Could you add our course?']);
    expect(reading.kind).toBe('other');
    expect(reading.recipients).toEqual([]);
  });

  it('reads a report that names no recipient as a bounce with no recipient, without failing', () => {
    const reading = read([
      'From: MAILER-DAEMON@mx.example.org',
      'To: snippet@pmhn.example.org',
      'Subject: Undelivered Mail Returned to Sender',
      '',
      'Something went wrong.',
    ]);
    expect(reading.kind).toBe('soft');
    expect(reading.recipients).toEqual([]);
  });

  it('reads a malformed MIME tree (no closing boundary, a part with no header, garbage) without failing', () => {
    const reading = read([
      'From: MAILER-DAEMON@mx.example.org',
      'Subject: Mail delivery failed',
      'Content-Type: multipart/report; boundary="x"; report-type=delivery-status',
      '',
      '--x',
      '',
      '<dora@example.org>: 550 5.1.1 no such user',
      '--x',
      'Content-Type: message/delivery-status',
      'Content-Transfer-Encoding: base64',
      '',
      '%%%% not base64 %%%%',
      '--x',
      'Content-Type: multipart/mixed; boundary=',
      '\u0000\u0001\u0002',
    ]);
    expect(reading.kind).toBe('hard');
    expect(reading.recipients.map((r) => r.address)).toEqual(['dora@example.org']);
  });

  it('reads a 20 MB message (a large attachment returned) and still finds the recipient', () => {
    const attachment = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo='.repeat(600_000).replace(/.{76}/gu, '$&\r\n');
    const reading = read([
      ...microsoftReport('5.1.1', '550 5.1.1 user unknown').slice(0, -2),
      '--b1',
      'Content-Type: application/pdf',
      'Content-Transfer-Encoding: base64',
      '',
      attachment,
      '--b1--',
      '',
    ]);
    expect(reading.kind).toBe('hard');
    expect(reading.recipients.map((r) => r.address)).toEqual(['anna.k@nhs.scot']);
  });

  it('reads a Postfix text bounce with the original message quoted, and its Message-ID', () => {
    const reading = read([
      'From: MAILER-DAEMON@mail.example.org (Mail Delivery System)',
      'To: snippet@pmhn.example.org',
      'Subject: Undelivered Mail Returned to Sender',
      '',
      '<erin@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1',
      '    <erin@example.org>: Recipient address rejected: User unknown in local',
      '    recipient table (in reply to RCPT TO command)',
      '',
      '--- Below this line is a copy of the message.',
      '',
      `Message-ID: <${OURS.replace('q2k', 'x9z')}>`,
      'To: erin@example.org',
      '',
    ]);
    expect(reading.kind).toBe('hard');
    expect(reading.recipients[0]).toMatchObject({ address: 'erin@example.org', status: '5.1.1', severity: 'hard' });
    expect(reading.issue).toBe('2026-11');
  });
});
