import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { siteBenchWorkspace } from '../../bench/site-build.mjs';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';

// The site benchmark's generated workspace must stay one `snippet site` accepts: when the checks grow (an
// organisation's areas must be the network's), the benchmark otherwise fails with nothing measured.
let remove: (() => Promise<void>) | undefined;
afterEach(async () => {
  await remove?.();
  remove = undefined;
});

it("the site benchmark's generated workspace builds a site with no problem", async () => {
  const ws = await siteBenchWorkspace({ years: 1, organisations: 12 });
  remove = ws.remove;
  const out = collectOutput();
  await siteCommand({ dir: ws.dir, out: join(ws.dir, 'out/site'), now: new Date('2026-12-07T12:00:00Z') }, out);
  expect(out.text()).not.toMatch(/error|warning/iu);
});
