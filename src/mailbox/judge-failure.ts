/** Whether a failed address is bad for good (`hard`: suppress at once) or may work another time (`soft`). */
export type Severity = 'hard' | 'soft';

/**
 * Enhanced status codes (RFC 3463) that say the address itself is bad: no
 * such mailbox (5.1.1), no such domain (5.1.2), moved away (5.1.6), a domain
 * that accepts no mail (5.1.10, RFC 7505), no route to the domain (5.4.4).
 */
const HARD_STATUS = new Set(['5.1.1', '5.1.2', '5.1.6', '5.1.10', '5.4.4']);

/** What servers write when the mailbox or its domain does not exist, across Postfix, Exim, Sendmail, qmail, Exchange, Gmail and others. */
const HARD_WORDS = new RegExp(
  [
    String.raw`\b(?:user|recipient|mailbox|address|account|addressee)s?\s+(?:is\s+)?(?:unknown|not\s+(?:found|known|exist|listed|recognized|recognised))`,
    String.raw`\bunknown\s+(?:user|recipient|mailbox|address|local[- ]part|e-?mail address|account)`,
    String.raw`\bno\s+such\s+(?:user|recipient|mailbox|address|account|person|local user|domain|host)`,
    String.raw`\b(?:does\s+not|doesn't|did\s+not)\s+exist`,
    String.raw`\bnot\s+a\s+valid\s+(?:mailbox|recipient|user|address)`,
    String.raw`\binvalid\s+(?:recipient|mailbox|user|address|e-?mail)`,
    String.raw`\bbad\s+destination\s+(?:mailbox|system)`,
    String.raw`\bunrouteable\s+address`,
    String.raw`\bno\s+mailbox\s+here`,
    String.raw`\brecipient\s?not\s?found|RecipientNotFound`,
    String.raw`\bname\s+is\s+not\s+recognized`,
    String.raw`\bnot\s+listed\s+in\s+(?:the\s+)?(?:Domino\s+)?directory`,
    String.raw`\bhost\s+or\s+domain\s+name\s+not\s+found|\bhost\s+(?:not\s+found|unknown)|\bunknown\s+host|\bdomain\s+(?:not\s+found|does\s+not\s+exist|unknown)|\bname\s+service\s+error|\bno\s+(?:mx|mail\s+exchanger)\b|illegal\s+host`,
    String.raw`\bdoes\s+not\s+accept\s+(?:any\s+)?mail`,
    // Postfix's "Recipient address rejected: REASON" is judged by its reason; with none, or Microsoft 365's "Access denied", it is the address.
    String.raw`\baddress\s+rejected(?!\s*:\s*(?!access\s+denied)\S)`,
    String.raw`\baddress\s+(?:couldn't|could\s+not|can't|cannot)\s+be\s+found`,
    String.raw`\bdomain\s+is\s+not\s+reachable|\bhost\s+\S+\s+not\s+found|\bno\s+SMTP\s+service|\bnot\s+accepting\s+network\s+messages`,
    String.raw`\buser\s+doesn't\s+have\s+a\s+\S+\s+account`,
    String.raw`\bno\s+valid\s+recipients?\b`,
  ].join('|'),
  'iu',
);

/** Words that make even a "user unknown"-looking failure something else: the mailbox exists but is full, off, or we were refused. */
const NOT_THE_ADDRESS = new RegExp(
  [
    String.raw`\b(?:mailbox|inbox|disk|quota)\s+(?:is\s+)?(?:full|exceeded)|\bover\s?quota|\bquota\b|\binsufficient\s+(?:system\s+)?storage|\bexceed`,
    String.raw`\b(?:disabled|inactive|suspended|deactivated|locked|frozen)\b`,
    String.raw`\bspam|\bblack\s?list|\bblock\s?list|\bblocked\b|\breputation|\bpolicy\b|\bnot\s+permitted|\bnot\s+authori[sz]ed`,
    String.raw`\btoo\s+many|\brate\s+limit|\btry\s+(?:again\s+)?later|\bnot\s+found,\s*try\s+again|\btemporar|\bgreylist`,
    String.raw`\brelay(?:ing)?\s+(?:denied|not\s+permitted|access\s+denied)|\bSPF\b|\bDMARC\b|\bDKIM\b|\bPTR\b|\breverse\s+dns`,
    String.raw`(?<!rejected:\s?)\baccess\s+denied|\brecipient\s+preferences|\brefused\s+due\s+to`,
    // au (KDDI, ezweb.ne.jp) answers "550 : User unknown", with no address, when its user's own filter refuses the mail (Sisimai's reading of au).
    String.raw`\b550:?\s+:\s*user\s+unknown`,
    String.raw`\bsender\b.{0,80}\b(?:rejected|denied|unknown|not\s+exist)|\bMAIL\s+FROM`,
  ].join('|'),
  'iu',
);

export interface FailureEvidence {
  /** The enhanced status code found for this recipient, if any. */
  status: string | undefined;
  /** The server's words about this recipient. */
  words: string;
  /** The whole report's words, for what it says of every recipient (the SMTP stage). */
  context?: string;
  /** The failure came from a local delivery program (Diagnostic-Code type x-unix), not a mail server's reply about the address. */
  localMailer?: boolean;
}

/** Sender-side codes (RFC 3463 5.1.7, 5.1.8: our own address was refused), never the recipient's fault. */
const SENDER_STATUS = new Set(['5.1.7', '5.1.8']);

/**
 * Refused after the message was sent (end of DATA), not at RCPT: the server
 * had accepted the address, so "user unknown" there is a content filter's
 * wording, not proof that the mailbox does not exist.
 */
const AFTER_DATA = /(?:\bin\s+reply\s+to\s+end\s+of\s+DATA|\bafter\s+(?:end\s+of\s+)?(?:DATA|data\s+command)|>>>\s*DATA\s*<<<|SMTP\s+command\s*:?\s*DATA\b)/iu;

/**
 * Pure: hard or soft for one failed recipient. Only a permanent failure
 * (5.x.x, or words of one) can be hard, and only when the status or the
 * words say the address or its domain does not exist; everything else, a
 * full mailbox, a block, a policy, a delay, is soft, as the address may work
 * again. Doubt leans soft: a soft bounce suppresses only when it repeats,
 * while a wrong hard one would drop a member at once.
 */
export function judgeFailure(evidence: FailureEvidence): Severity {
  const { status, words } = evidence;
  if (status !== undefined && !status.startsWith('5.')) return 'soft';
  if (evidence.localMailer === true || (status !== undefined && SENDER_STATUS.has(status))) return 'soft';
  if (NOT_THE_ADDRESS.test(words)) return 'soft';
  const said = `${words} ${evidence.context ?? ''}`.replace(/\s+/gu, ' ');
  // With PIPELINING the refusals of RCPT arrive after DATA is sent: "no valid recipients" says RCPT failed.
  if (AFTER_DATA.test(said) && !/no\s+valid\s+recipients/iu.test(said) && !(status !== undefined && HARD_STATUS.has(status))) return 'soft';
  if (HARD_WORDS.test(words)) return 'hard';
  if (status !== undefined && HARD_STATUS.has(status)) return 'hard';
  return 'soft';
}
