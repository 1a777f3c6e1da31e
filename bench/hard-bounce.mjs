// A hard bounce as a mail server writes one, shared by the mailbox benchmark
// and the tests (which import it from here: the benchmarks never import test/).

/**
 * A hard bounce (RFC 3464) of our mail to `to`, the `n`th report of a mailbox
 * (its Message-ID and MIME boundary carry `n`), dated `date` (an RFC 5322 date).
 */
export function hardBounce(n, to, date = 'Mon, 07 Dec 2026 07:00:00 +0000') {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: snippet@example.org',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-ID: <dsn-${n}@mx.example.net>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="b${n}"`,
    '',
    `--b${n}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '',
    `--b${n}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${to}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${to}>: Recipient address rejected: User unknown`,
    '',
    `--b${n}--`,
    '',
  ].join('\n');
}
