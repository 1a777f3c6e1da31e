/** One failed recipient found in the words of a bounce written for people. */
export interface TextFailure {
  address: string;
  status: string | undefined;
  /** The lines about this recipient: the server's words. */
  words: string;
}

/** Where a text bounce stops speaking and the returned message begins (Exim, qmail, Sendmail, Postfix, Gmail, Exchange, and others' wording). */
const RETURNED_MESSAGE = new RegExp(
  [
    String.raw`^[\s\-=_*]*(?:this is a copy of the|a copy of the original|below this line is a copy|[-=_ ]*original message|the (?:original )?message (?:headers? )?(?:follows|was)|returned message|undelivered message|your message reads|(?:the )?headers? of the original|message headers follow|\(?original message\b|content-type:\s*message\/rfc822|--- forwarded|unsent message below|-+\s*message text\s*-+)`,
    String.raw`^(?:return-path|received|dkim-signature|message-id|x-original-to|delivered-to):\s`,
  ].join('|'),
  'imu',
);

const ADDRESS = /[A-Za-z0-9._%+\-=/!#$&'*?^`{|}~]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
/** A line that names a recipient first: `<anna@example.org>:`, `  anna@example.org`, `anna@example.org on …`, `anna@example.org (expanded from …)`. */
const RECIPIENT_LINE =
  /^\s*(?:RCPT\s+To:\s*|(?:Recipient|Original|Final)[- ](?:address|recipient)\s*:\s*(?:rfc822\s*;\s*)?|To:\s+)?<?([^\s<>@]+@[^\s<>]+?)>?(?:\s*[:,;.]?\s*$|\s*[:.]\s|\s+on\s|\s*\(|\s*\.{3}|\s+(?:SMTP|host|\.\.\.))/iu;
const ROBOT = /^(?:mailer-daemon|postmaster|post_master|mail\.delivery\.system|mailerdaemon|daemon|abuse|root|noreply|no-reply|bounces?)(?:[+@])/iu;
const ENHANCED = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)/u;

/** Pure: the part of a text bounce before the returned message. */
export function bounceSpeech(text: string): { speech: string; returned: string } {
  const match = RETURNED_MESSAGE.exec(text);
  if (!match || match.index === 0) return { speech: text, returned: '' };
  return { speech: text.slice(0, match.index), returned: text.slice(match.index) };
}

/**
 * Pure: the failed recipients of a bounce's text, each with the lines about
 * it. `ignore` holds the addresses that are not recipients (the report's
 * sender and addressee: us). A recipient is an address at the start of a
 * line, as every MTA writes its list; without one, the addresses in the
 * text, since some servers write only a sentence ("Your message to … could
 * not be delivered").
 */
export function readTextBounce(speech: string, ignore: ReadonlySet<string>): TextFailure[] {
  const lines = speech.split(/\r?\n/u);
  const usable = (address: string): boolean => !ignore.has(address.toLowerCase()) && !ROBOT.test(address);
  const starts: Array<{ line: number; address: string }> = [];
  lines.forEach((line, index) => {
    const match = RECIPIENT_LINE.exec(line);
    const address = match ? clean(match[1]!) : undefined;
    // A robot (postmaster@) can be the failed recipient too; only the report's own addresses are left out here.
    if (address !== undefined && address.includes('@') && !ignore.has(address.toLowerCase()) && !/^\s*(?:From|Subject|Sent|Date|Cc):/iu.test(line))
      starts.push({ line: index, address });
  });
  const failures = new Map<string, TextFailure>();
  if (starts.length > 0) {
    starts.forEach((start, i) => {
      const end = Math.min(starts[i + 1]?.line ?? lines.length, start.line + 10);
      const words = paragraph(lines, start.line, end);
      add(failures, start.address, words);
    });
  } else {
    for (const line of lines) {
      for (const found of line.matchAll(ADDRESS)) {
        const address = clean(found[0]);
        if (usable(address) && !/MAIL\s+FROM:\s*<?$/iu.test(line.slice(0, found.index).trimEnd())) add(failures, address, line.trim());
      }
    }
  }
  const overall = statusIn(speech);
  return [...failures.values()].map((failure) => ({ ...failure, status: failure.status ?? overall }));
}

function add(failures: Map<string, TextFailure>, address: string, words: string): void {
  const key = address.toLowerCase();
  const known = failures.get(key);
  if (known) {
    known.words = `${known.words} ${words}`.trim();
    known.status ??= statusIn(words);
  } else failures.set(key, { address, status: statusIn(words), words });
}

/** A recipient's lines: its own and those after it, up to the next recipient or a blank line once words were found. */
function paragraph(lines: readonly string[], start: number, end: number): string {
  const taken: string[] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i]!.trim();
    if (line === '' && taken.length > 1) break;
    if (line !== '') taken.push(line);
  }
  return taken.join(' ');
}

/** The enhanced status code in some words, or a class from the SMTP reply code (550 → 5.0.0). */
export function statusIn(words: string): string | undefined {
  const enhanced = ENHANCED.exec(words);
  if (enhanced) return `${enhanced[1]}.${Number(enhanced[2])}.${Number(enhanced[3])}`;
  const reply = /(?<![\d.#-])([45])[0-5]\d(?:[\s-]|$)(?![\d.])/u.exec(words);
  return reply ? `${reply[1]}.0.0` : undefined;
}

function clean(address: string): string {
  return address.replace(/^[<("'[]+|[>)"'\]:;,.]+$/gu, '');
}
