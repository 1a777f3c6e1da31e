import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** When the server took MAIL FROM and when it replied to the message data (ms). */
  mailFromAt: number;
  receivedAt: number;
}

export interface ServerBehaviour {
  /** Refuse the first N connections with 421. */
  refuseConnections?: number;
  /** Reply to RCPT TO: return a reply such as `451 4.3.0 Try later` to refuse, or undefined to accept. */
  onRecipient?(address: string, attempt: number): string | undefined;
  /** Decide what happens once the message data is in: 'accept', 'drop' (close with no reply) or a refusal reply. */
  afterData?(to: string, attempt: number): string;
  /** Called when a message's data is complete, before the reply. */
  onMessage?(message: ReceivedMessage, count: number): void;
  /** Require this user and password, or (XOAUTH2) this user and access token. */
  auth?: { user: string; pass: string } | { user: string; accessToken: string };
  /** Implicit TLS (smtps) with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Refuse MAIL FROM with this reply, e.g. `550 5.7.60 Client does not have permissions to send as this sender`. */
  refuseSender?: string;
  /** Reply to the `count`th MAIL FROM (across sessions): a reply such as `421 4.3.2 closing` to refuse (a 421 ends the session), or undefined to accept. */
  onSender?(count: number): string | undefined;
  /** Leave PIPELINING out of the EHLO reply (offered by default). */
  pipelining?: false;
  /** Delay before replying to the data (ms). */
  replyDelayMs?: number;
  /**
   * Called at each stage of each transaction with how many times that stage
   * has been reached; returning 'hold' leaves the client waiting for a reply.
   */
  hook?(stage: Stage, count: number): 'hold' | Promise<void> | void;
}

export type Stage = 'connect' | 'mail' | 'rcpt' | 'data-end' | 'replied';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 with scripted failures,
 * recording what it received and when, by its own clock.
 */
export async function startSmtpServer(behaviour: ServerBehaviour = {}): Promise<{
  port: number;
  url: string;
  messages: ReceivedMessage[];
  connections: () => number;
  stages: (stage: Stage) => number;
  maxConcurrentConnections: () => number;
  close(): Promise<void>;
}> {
  const messages: ReceivedMessage[] = [];
  const recipientAttempts = new Map<string, number>();
  const dataAttempts = new Map<string, number>();
  const mailFromTimes = new Map<string, number>();
  let connectionCount = 0;
  const stageCounts = new Map<Stage, number>();
  let senders = 0;
  const reach = (stage: Stage): 'hold' | Promise<void> | void => {
    const count = (stageCounts.get(stage) ?? 0) + 1;
    stageCounts.set(stage, count);
    return behaviour.hook?.(stage, count);
  };
  let open = 0;
  let maxOpen = 0;
  const oauth = behaviour.auth !== undefined && 'accessToken' in behaviour.auth;
  const server: SMTPServer = new SMTPServer({
    secure: behaviour.tls !== undefined,
    ...(behaviour.tls ? { key: behaviour.tls.key, cert: behaviour.tls.cert } : {}),
    ...(oauth ? { authMethods: ['XOAUTH2'] } : {}),
    disabledCommands: behaviour.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !behaviour.auth,
    allowInsecureAuth: true,
    hidePIPELINING: behaviour.pipelining === false,
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(_session, callback) {
      connectionCount++;
      if (reach('connect') === 'hold') return;
      if (connectionCount <= (behaviour.refuseConnections ?? 0)) {
        return callback(Object.assign(new Error('Too many connections, try again later'), { responseCode: 421 }));
      }
      open++;
      maxOpen = Math.max(maxOpen, open);
      callback();
    },
    onClose() {
      open = Math.max(0, open - 1);
    },
    onAuth(auth, _session, callback) {
      const expected = behaviour.auth;
      if (expected && 'accessToken' in expected) {
        if (auth.method === 'XOAUTH2' && auth.username === expected.user && auth.accessToken === expected.accessToken)
          return callback(null, { user: auth.username });
        // RFC 7628: a refused token gets a JSON challenge first.
        return callback(null, { data: { status: '401', schemes: 'bearer' } });
      }
      if (expected && auth.username === expected.user && auth.password === expected.pass) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onMailFrom(_address: SMTPServerAddress, session: SMTPServerSession, callback) {
      if (behaviour.refuseSender) return callback(replyError(behaviour.refuseSender));
      const refusal = behaviour.onSender?.(++senders);
      if (refusal) return callback(replyError(refusal));
      const reached = reach('mail');
      if (reached === 'hold') return;
      // A promise holds the transaction until it settles.
      if (reached instanceof Promise)
        return void reached.then(() => {
          mailFromTimes.set(session.id, Date.now());
          callback();
        });
      mailFromTimes.set(session.id, Date.now());
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const attempt = (recipientAttempts.get(address.address) ?? 0) + 1;
      recipientAttempts.set(address.address, attempt);
      const reply = behaviour.onRecipient?.(address.address, attempt);
      if (reply) return callback(replyError(reply));
      if (reach('rcpt') === 'hold') return;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const message: ReceivedMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          raw: Buffer.concat(chunks),
          mailFromAt: mailFromTimes.get(session.id) ?? Date.now(),
          receivedAt: Date.now(),
        };
        const key = to[0] ?? '';
        const attempt = (dataAttempts.get(key) ?? 0) + 1;
        dataAttempts.set(key, attempt);
        const decision = behaviour.afterData?.(key, attempt) ?? 'accept';
        if (decision === 'drop') {
          // The server has the message but the client never hears back.
          messages.push(message);
          behaviour.onMessage?.(message, messages.length);
          for (const connection of (server as unknown as { connections: Set<{ session: SMTPServerSession; _socket: { destroy(): void } }> }).connections) {
            if (connection.session === session) connection._socket.destroy();
          }
          return;
        }
        if (decision !== 'accept') return callback(replyError(decision));
        messages.push(message);
        behaviour.onMessage?.(message, messages.length);
        if (reach('data-end') === 'hold') return;
        const reply = (): void => {
          callback(null, `Message queued as ${messages.length}`);
          // The reply is out: a hook's hold or promise has nothing left to hold here.
          setImmediate(() => void reach('replied'));
        };
        if (behaviour.replyDelayMs) setTimeout(reply, behaviour.replyDelayMs);
        else reply();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `${behaviour.tls ? 'smtps' : 'smtp'}://${behaviour.auth && 'pass' in behaviour.auth ? `${encodeURIComponent(behaviour.auth.user)}:${encodeURIComponent(behaviour.auth.pass)}@` : ''}127.0.0.1:${port}`,
    messages,
    connections: () => connectionCount,
    /** How many times each stage was reached, e.g. 'mail' for MAIL FROM accepted. */
    stages: (stage: Stage) => stageCounts.get(stage) ?? 0,
    maxConcurrentConnections: () => maxOpen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function replyError(reply: string): Error {
  const code = Number(reply.slice(0, 3));
  return Object.assign(new Error(reply.slice(4)), { responseCode: code });
}

/** The recipients of the messages received, with how many times each got one. */
export function deliveries(messages: readonly ReceivedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) for (const to of message.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}
