import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { SmtpSettings } from './smtp-settings.js';

export interface SmtpTimeouts {
  connection: number;
  greeting: number;
  socket: number;
}

export interface SmtpClientOptions {
  /** The name this client gives in EHLO. */
  clientName?: string;
  /** Extra CA certificates (PEM), e.g. a private relay's; SNIPPET_SMTP_CA_FILE's are in the settings. */
  ca?: string;
}

/** How one SMTP connection is made (smtp-dialogue.ts). */
export interface SmtpConnectionOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps). */
  secure: boolean;
  /** STARTTLS or no session at all. */
  requireTLS: boolean;
  /** Plain SMTP, STARTTLS never tried. */
  ignoreTLS: boolean;
  /** The name given in EHLO; the computer's name when unset. */
  name?: string;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  tls: ConnectionOptions & { rejectUnauthorized: true; minVersion: 'TLSv1.2' };
}

/**
 * How a connection is made. Outside loopback, mail never goes unencrypted:
 * STARTTLS is required (or implicit TLS), with a verified certificate.
 */
export function smtpConnectionOptions(settings: SmtpSettings, options: SmtpClientOptions, timeouts: SmtpTimeouts): SmtpConnectionOptions {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && !settings.loopback,
    ignoreTLS: !settings.secure && settings.loopback,
    ...(options.clientName ? { name: options.clientName } : {}),
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    tls: {
      rejectUnauthorized: true,
      // SNI takes a host name only; an address is checked against the certificate's IP entries.
      ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
      minVersion: 'TLSv1.2',
      ...(settings.ca || options.ca ? { ca: settings.ca ?? options.ca } : {}),
    },
  };
}
