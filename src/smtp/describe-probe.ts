import type { SmtpSettings } from './smtp-settings.js';
import type { SmtpErrorLike } from './classify-smtp-error.js';
import type { SmtpProbe } from './probe-smtp.js';

/** One line of `snippet doctor`. */
export interface DoctorCheck {
  name: string;
  /** `warn`: worth fixing, but a send would work. */
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  /** What to do, for a failure. */
  fix?: string;
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME/u;

/** Pure: the lines for connection, TLS, sign-in and sender from one SMTP probe. */
export function describeProbe(probe: SmtpProbe, settings: SmtpSettings, sender: string): DoctorCheck[] {
  const where = `${settings.host}:${settings.port}`;
  const error = probe.error;
  const checks: DoctorCheck[] = [];
  if (probe.failedAt === 'connect' && error) {
    const tls = tlsProblem(error);
    if (!tls) {
      return [
        {
          name: 'connection',
          status: 'fail',
          detail: `${where}: ${reason(error)}`,
          fix: 'check the host and port (Microsoft 365: smtp.office365.com, 587) and that a firewall lets this computer reach it',
        },
        skip('TLS'),
        skip('sign-in'),
        skip('sender'),
      ];
    }
    return [{ name: 'connection', status: 'ok', detail: `${where} answers` }, tls, skip('sign-in'), skip('sender')];
  }
  checks.push({ name: 'connection', status: 'ok', detail: `${where} answers` });
  checks.push({
    name: 'TLS',
    status: 'ok',
    detail:
      probe.tls === 'implicit'
        ? 'TLS from the start (smtps), certificate trusted'
        : probe.tls === 'starttls'
          ? 'STARTTLS offered and used, certificate trusted'
          : 'not used: plain SMTP is allowed to this computer (loopback) only',
  });
  if (probe.failedAt === 'sign-in' && error) {
    checks.push({
      name: 'sign-in',
      status: 'fail',
      detail: `the server refused ${settings.user ?? 'the sign-in'}${settings.oauth2 ? ' (OAuth2)' : ''}: ${reason(error)}`,
      fix: settings.oauth2
        ? 'check that the token is for this mailbox and has the SMTP.Send (or SMTP.SendAsApp) permission, and that SMTP AUTH is enabled for the mailbox'
        : 'check SNIPPET_SMTP_USER and the password (SNIPPET_SMTP_PASS, _PASS_FILE or the URL); Microsoft 365 also needs SMTP AUTH enabled for the mailbox',
    });
    checks.push(skip('sender'));
    return checks;
  }
  checks.push(
    settings.user
      ? { name: 'sign-in', status: 'ok', detail: `signed in as ${settings.user}${settings.oauth2 ? ' with an OAuth2 token' : ''}` }
      : { name: 'sign-in', status: 'ok', detail: 'none configured (no SNIPPET_SMTP_USER)' },
  );
  if (probe.senderProblem !== undefined) {
    checks.push({
      name: 'sender',
      status: 'fail',
      detail: probe.senderProblem,
      fix: 'set from: in snippet.config.yaml to an address with only ASCII letters before the @ (or use a mail server that offers SMTPUTF8)',
    });
  } else if (probe.failedAt === 'sender' && error) {
    checks.push({
      name: 'sender',
      status: 'fail',
      detail: `the server refused ${sender} in MAIL FROM: ${reason(error)}`,
      fix: `set from: in snippet.config.yaml to an address ${settings.user ?? 'this account'} may send as`,
    });
  } else {
    checks.push({ name: 'sender', status: 'ok', detail: `${sender} accepted in MAIL FROM, then reset; nothing was sent` });
  }
  return checks;
}

function tlsProblem(error: SmtpErrorLike): DoctorCheck | undefined {
  const code = error.originalCode ?? error.code ?? '';
  const message = error.message ?? '';
  if (CERTIFICATE_CODES.test(code) || /certificate|self[- ]signed/iu.test(message)) {
    return {
      name: 'TLS',
      status: 'fail',
      detail: `certificate not trusted: ${message.split('\n')[0]}`,
      fix: "check the host name matches the server's certificate; a server with a private CA needs SNIPPET_SMTP_CA_FILE set to that CA's PEM file",
    };
  }
  if (code === 'ETLS' || /STARTTLS|TLS/u.test(message)) {
    return {
      name: 'TLS',
      status: 'fail',
      detail: `no secure connection: ${message.split('\n')[0]}`,
      fix: 'the server must offer STARTTLS (port 587) or TLS (smtps, port 465); snippet never sends unencrypted except to this computer',
    };
  }
  return undefined;
}

function reason(error: SmtpErrorLike): string {
  return (error.response ?? error.message ?? 'failed').split('\n')[0]!.trim();
}

function skip(name: string): DoctorCheck {
  return { name, status: 'skip', detail: 'not checked: an earlier step failed' };
}
