import { createHash } from 'node:crypto';
import type { Config } from '../config/config.js';
import { parseImapAddress, type ImapAddress } from '../config/imap-address.js';
import { isSnippetError, SnippetError } from '../errors.js';
import { bounceIndex } from '../mailbox/bounce-index.js';
import { readBounceRows } from '../mailbox/bounces-file.js';
import { openFileSource } from '../mailbox/file-source.js';
import { openImapSource } from '../mailbox/imap-source.js';
import { readLedgerIndex } from '../mailbox/ledger-index.js';
import type { MailSource, SourceMessage } from '../mailbox/mail-source.js';
import { planReport } from '../mailbox/plan-report.js';
import { readMessage } from '../mailbox/read-message.js';
import { openMailboxState, type MailboxState, type ReadRecord } from '../mailbox/read-state.js';
import { verifyUnsubscribeToken } from '../mail/unsubscribe-token.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { parseDateTime, zonedDate } from '../time/zoned-time.js';
import { loadContacts } from '../workspace/load-contacts.js';
import { readConfig } from '../workspace/read-config.js';
import { mailboxSignIns, type ImapEnvironment } from './mailbox-sign-in.js';
import { MailboxWriteBatch, remember, type MailboxEntry, type RunContext } from './mailbox-write-batch.js';

export interface MailboxOptions {
  dir: string;
  /** A folder of .eml files or an mbox file, absolute; without it, the IMAP mailboxes of mailbox.url. */
  path?: string | undefined;
  /** The PATH as the user gave it: how sources are named in the report. */
  pathLabel?: string | undefined;
  dryRun: boolean;
  /** Only messages from this day (`YYYY-MM-DD`, in the workspace's time zone) on. */
  since?: string | undefined;
  now: Date;
  /** SNIPPET_UNSUBSCRIBE_SECRET: checks the token of an unsubscribe request. */
  unsubscribeSecret: string | undefined;
  imap: ImapEnvironment;
  smtp: SmtpEnvironment;
  /** Called for each line of the report as it happens (a long mailbox shows progress). */
  onEntry?: (entry: MailboxEntry) => void;
  /** The run's OAuth2 token source when it has one already (send --due signs in to SMTP with the same). */
  accessToken?: AccessTokenProvider | undefined;
  /** Test hook: how long to wait for the IMAP server. */
  timeoutMs?: number;
}

export type { MailboxEntry };

export interface MailboxResult {
  entries: MailboxEntry[];
  /** Messages read this run. */
  read: number;
  /** Messages already read by an earlier run, left alone. */
  seenBefore: number;
  /** Reports moved to the processed folder. */
  moved: number;
  /** `.msg` files in the folder, not read. */
  notRead: string[];
  /** mailbox.processed_folder. */
  processedFolder: string;
}

/**
 * `snippet mailbox [PATH]`: reads the sender's mailbox and acts on what it
 * finds. For each message, in this order: read it (never changing it), plan
 * (pure), write the suppression and then the evidence row under the contacts
 * lock, record it as read, then move it (IMAP, reports acted on only); the
 * writes are made a batch of messages at a time, in that order
 * (MailboxWriteBatch). A run stopped anywhere repeats nothing: a report whose
 * evidence row exists is not acted on again, a message recorded as read is
 * not read again, and one recorded as acted on but still in the inbox is only moved.
 */
export async function mailboxCommand(options: MailboxOptions): Promise<MailboxResult> {
  const config = await readConfig(options.dir, 'snippet mailbox', 'the mailbox was not read');
  const result: MailboxResult = { entries: [], read: 0, seenBefore: 0, moved: 0, notRead: [], processedFolder: config.mailbox.processedFolder };
  const since = options.since === undefined ? undefined : parseDateTime(`${options.since}T00:00`, config.timeZone);
  const context = await startingContext(options, config);
  const state = await openMailboxState(options.dir, { readOnly: options.dryRun });
  const run: MessageRun = { options, config, since, state, result, unsubscribeAddresses: new Set([config.unsubscribe.mailto.toLowerCase()]) };
  const batch = new MailboxWriteBatch(
    {
      dir: options.dir,
      dryRun: options.dryRun,
      state,
      report: (line) => {
        result.entries.push(line);
        options.onEntry?.(line);
      },
      moved: () => result.moved++,
    },
    context,
  );
  try {
    for (const source of await openSources(options, config, result)) {
      try {
        for await (const message of source.messages(since)) await handle(message, run, batch);
        await batch.write();
      } catch (error) {
        // What was read before the failure is still written, as if each message had been on its own; the failure reported is the first.
        await batch.write().catch(() => undefined);
        throw error;
      } finally {
        await source.close();
      }
    }
  } finally {
    await state.close();
  }
  return result;
}

/** What handling a message needs of the run. */
interface MessageRun {
  options: MailboxOptions;
  config: Config;
  since: Date | undefined;
  state: MailboxState;
  result: MailboxResult;
  unsubscribeAddresses: ReadonlySet<string>;
}

/** Reads one message and plans it into the batch; one read by an earlier run is only finished. */
async function handle(message: SourceMessage, run: MessageRun, batch: MailboxWriteBatch): Promise<void> {
  const { options, config, since, state, result } = run;
  // The same message twice in one batch (a copy in the mailbox): the first is written before the second is looked at.
  if (message.messageId !== undefined && batch.holds(message.messageId)) await batch.write();
  const known = message.messageId === undefined ? undefined : state.records.get(message.messageId);
  if (known) return finishEarlier(known, message, run);
  let raw: Buffer;
  try {
    raw = await message.load();
  } catch (error) {
    if (!isSnippetError(error) || error.kind === 'tempfail') throw error;
    const entry = { kind: 'other', recipient: null, status: null, issue: null, outcome: { action: 'unreadable', why: error.message } } as const;
    return batch.add({ message, entries: [entry], acted: false });
  }
  const reading = readMessage(raw, { unsubscribeAddresses: run.unsubscribeAddresses });
  const id = reading.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  if (batch.holds(id)) await batch.write();
  const earlier = state.records.get(id);
  if (earlier) return finishEarlier(earlier, message, run);
  const when = reading.date ?? message.arrived ?? options.now;
  if (since && when < since) return;
  result.read++;
  const date = zonedDate(when, config.timeZone);
  const plan = planReport(reading, id, { ...batch.planning, date });
  remember(batch.planning, plan);
  return batch.add({
    message,
    entries: plan.entries,
    acted: plan.acted,
    report: plan.acted && !options.dryRun ? { reading, id, date } : undefined,
    record: { id, at: options.now.toISOString(), source: message.source, kind: reading.kind },
  });
}

/** A message read by an earlier run: left alone, except a report acted on that a stopped run did not get to move. */
async function finishEarlier(record: ReadRecord, message: SourceMessage, { options, result }: MessageRun): Promise<void> {
  result.seenBefore++;
  if (record.acted && message.moveToProcessed && !options.dryRun) {
    await message.moveToProcessed();
    result.moved++;
  }
}

async function startingContext(options: MailboxOptions, config: Config): Promise<RunContext> {
  const today = zonedDate(options.now, config.timeZone);
  const [contacts, index, bounces] = await Promise.all([loadContacts(options.dir), readLedgerIndex(options.dir), readBounceRows(options.dir)]);
  const secret = options.unsubscribeSecret;
  return {
    members: new Set(contacts.members?.members.map((m) => m.key) ?? []),
    suppressed: new Set(contacts.suppressions.map((s) => s.key)),
    index,
    bounces: bounceIndex(bounces),
    softBounceIssues: config.mailbox.softBounceIssues,
    today,
    tokenIsValid: (address, token) => secret !== undefined && verifyUnsubscribeToken(secret, address, token),
  };
}

async function openSources(options: MailboxOptions, config: Config, result: MailboxResult): Promise<MailSource[]> {
  if (options.path !== undefined) {
    const source = await openFileSource(options.path, options.pathLabel ?? options.path);
    result.notRead.push(...source.skipped);
    return [source];
  }
  if (config.mailbox.urls.length === 0) {
    throw new SnippetError('no mailbox to read: mailbox.url is not set in snippet.config.yaml', {
      hint: 'Add `mailbox:` with `url: imaps://USER@HOST/INBOX`, or give a folder of saved .eml files or an mbox file: `snippet mailbox PATH`.',
    });
  }
  const sources: MailSource[] = [];
  const signInTo = mailboxSignIns(config, options.imap, options.smtp, options.dir, options.accessToken);
  try {
    for (const url of config.mailbox.urls) {
      const address = parseImapAddress(url) as ImapAddress;
      const signIn = await signInTo(address);
      sources.push(
        await openImapSource(address, signIn, { processedFolder: config.mailbox.processedFolder, ca: options.smtp.caFromFile, timeoutMs: options.timeoutMs }),
      );
    }
  } catch (error) {
    await Promise.all(sources.map((s) => s.close()));
    throw error;
  }
  return sources;
}
