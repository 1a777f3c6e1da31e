// The mailbox benchmark's baseline: every message of an mbox file parsed
// with mailparser's simpleParser alone, split by the same streaming reader
// snippet uses. Prints how many were parsed.
import { simpleParser } from 'mailparser';
import { mboxMessages } from '../dist/mailbox/mbox-messages.js';

let parsed = 0;
for await (const raw of mboxMessages(process.argv[2])) {
  await simpleParser(raw);
  parsed++;
}
console.log(parsed);
