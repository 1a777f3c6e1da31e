import type { SendResult } from '../delivery/send-result.js';

/** The SMTP error fields this project relies on (nodemailer's SMTPError has them). */
export interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  /** The system's code (ECONNREFUSED, a certificate's) when `code` says only ESOCKET. */
  originalCode?: string;
}

/** Said for any refused sign-in: the password and the OAuth2 token are both possible causes. */
const SIGN_IN_REFUSED =
  'the SMTP server refused the sign-in; check SNIPPET_SMTP_USER and the password, or the smtp.oauth2 settings when signing in with a token (`snippet doctor` tries the sign-in without sending)';

/** Said when the server offers no STARTTLS: a setting to fix, not an outage to wait out. */
const NO_STARTTLS =
  "the SMTP server does not offer STARTTLS, and snippet sends unencrypted only to this computer (loopback); use the server's TLS port (smtps://HOST:465) or its STARTTLS port (usually 587) in SNIPPET_SMTP_URL (`snippet doctor` checks it without sending)";

/**
 * Pure: an SMTP failure into an outcome. `dataSent` says whether the message
 * data had started going out when it happened.
 */
export function classifySmtpError(error: SmtpErrorLike, dataSent: boolean): Exclude<SendResult, { status: 'delivered' }> {
  const response = (error.response ?? '').trim();
  const code = error.responseCode;
  if (error.code === 'EAUTH' && code !== undefined) {
    return { status: 'deferred', reason: `sign-in failed: ${response || code}`, connectionFailure: true, fatal: SIGN_IN_REFUSED };
  }
  // RFC 3207: 454 to STARTTLS is "TLS not available for now": try again later.
  if (error.code === 'ETLS' && error.command === 'STARTTLS' && code !== undefined && code >= 400 && code < 500) {
    return { status: 'deferred', reason: `TLS not available for now: ${response || code}`, connectionFailure: true };
  }
  // Before the reply codes: a server that refuses STARTTLS answers with one.
  if (error.code === 'ETLS' && (error.command === 'STARTTLS' || /STARTTLS/u.test(error.message ?? ''))) {
    return {
      status: 'deferred',
      reason: `TLS failed: the server does not offer STARTTLS${response ? ` (${response})` : ''}`,
      connectionFailure: true,
      fatal: NO_STARTTLS,
    };
  }
  if (error.code === 'ETLS' || /certificate|self[- ]signed|CERT_/iu.test(error.message ?? '')) {
    return {
      status: 'deferred',
      reason: `TLS failed: ${(error.message ?? '').split('\n')[0]}`,
      connectionFailure: true,
      fatal: 'a secure (TLS) connection to the SMTP server could not be made; check the host name and its certificate',
    };
  }
  // A refusal of the sender holds for every recipient alike: never one recipient's failure.
  if (code !== undefined && code >= 500 && code < 600 && error.command === 'MAIL FROM') {
    return {
      status: 'deferred',
      reason: `not sent: the server refused the sender: ${response || code}`,
      connectionFailure: false,
      fatal: senderRefused(response || `${code}`),
    };
  }
  if (code !== undefined && code >= 500 && code < 600) {
    return { status: 'failed', reason: response || `${code}`, noSuchUser: isNoSuchUser(code, response) };
  }
  if (code !== undefined && code >= 400 && code < 500) {
    return { status: 'deferred', reason: response || `${code}`, connectionFailure: code === 421 };
  }
  if (error.code === 'EAUTH') {
    return { status: 'deferred', reason: `sign-in failed${response ? `: ${response}` : ''}`, connectionFailure: true, fatal: SIGN_IN_REFUSED };
  }
  const what = describeFailure(error);
  if (dataSent) return { status: 'in-doubt', reason: `${what} after the message was sent, before the server replied` };
  return { status: 'deferred', reason: what, connectionFailure: true };
}

/**
 * Pure: a failure while connecting (the greeting, EHLO, TLS, the sign-in).
 * No recipient has been named yet, so a permanent refusal there is the
 * server refusing this sender or this computer: the run stops.
 */
export function classifyConnectError(error: SmtpErrorLike): Extract<SendResult, { status: 'deferred' }> {
  const result = classifySmtpError(error, false);
  if (result.status === 'deferred') return result;
  const words = (error.response ?? '').trim() || result.reason;
  return {
    status: 'deferred',
    reason: `the server refused the connection: ${words}`,
    connectionFailure: true,
    fatal: `the mail server refused this connection before any message (${words}), so nothing can be sent. It may block this computer's network address, or SNIPPET_SMTP_URL may name a server that does not take mail from you; check it with \`snippet doctor\`, or ask whoever runs the server`,
  };
}

/** What a refused MAIL FROM means and what to do, in the server's words first. */
function senderRefused(words: string): string {
  const head = `the mail server refused the sender (MAIL FROM): ${words}. No message can go to anyone until that is fixed`;
  // Microsoft 365 (5.7.1, or SendAsDenied 5.7.60): the signed-in mailbox may not send as the from address.
  if (/send ?as|5\.7\.60|permissions? to send/iu.test(words)) {
    return `${head}: give the signed-in mailbox (SNIPPET_SMTP_USER) send-as rights for from.address in snippet.config.yaml (Microsoft 365 admin centre: the from mailbox, Delegation, Send as), or set from.address to the signed-in mailbox`;
  }
  return `${head}: check from.address in snippet.config.yaml; it must be an address this account may send as (\`snippet doctor\` tries MAIL FROM without sending)`;
}

/** 550 5.1.1 and its relatives: the mailbox does not exist, so the address is suppressed. */
export function isNoSuchUser(code: number, response: string): boolean {
  if (/\b5\.1\.(1|0|10)\b/u.test(response)) return true;
  return (
    code === 550 && /(no such|unknown|does not exist|not exist|invalid) (user|mailbox|recipient|address)|user unknown|mailbox unavailable/iu.test(response)
  );
}

function describeFailure(error: SmtpErrorLike): string {
  switch (error.code) {
    case 'ECONNECTION':
      return 'connection lost';
    case 'ETIMEDOUT':
      return 'the server stopped answering (timed out)';
    case 'ESOCKET':
      return `network error${error.message ? `: ${error.message.split('\n')[0]}` : ''}`;
    case 'ETLS':
      return 'TLS failed';
    case 'EAUTH':
      return 'sign-in failed';
    case 'EDNS':
      return 'the server name does not resolve';
    default:
      return error.message?.split('\n')[0] ?? 'unknown failure';
  }
}
