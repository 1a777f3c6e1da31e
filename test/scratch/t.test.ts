import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { ownParts, parseMimeMessage, partText } from '../../src/mailbox/mime-part.js';
test('t', () => {
  const root = parseMimeMessage(readFileSync('test/fixtures/bounces/eml/lhost-yahoo-11.eml').toString('latin1'));
  for (const p of ownParts(root)) console.log(p.contentType.type, p.parts.length, JSON.stringify(partText(p).slice(0, 300)));
});
