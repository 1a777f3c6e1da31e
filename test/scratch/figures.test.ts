import { test } from 'vitest';
import { corpusFigures } from '../support/bounce-corpus.js';
test('figures', () => {
  const f = corpusFigures();
  console.log(
    JSON.stringify(
      { a: [f.agreement.counted, f.agreement.agreed], r: [f.recipients.counted, f.recipients.found], per: f.perClass, nb: f.nonBouncesReadHard },
      null,
      0,
    ),
  );
  console.log(f.agreement.disagreed.join('\n'));
  console.log('---- missed');
  console.log(f.recipients.missed.join('\n'));
});
