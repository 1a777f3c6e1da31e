// Loaded with `node --import`: records the URL of every module the process
// resolves, one a line, into the file named by SNIPPET_TEST_MODULE_LOG.
import { register } from 'node:module';
import { env } from 'node:process';

register('./record-modules-hooks.mjs', import.meta.url, { data: { log: env.SNIPPET_TEST_MODULE_LOG } });
