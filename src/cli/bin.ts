#!/usr/bin/env node
import module from 'node:module';

// Node 22.1 and later keep the compiled code of every module between runs,
// which roughly halves start-up; Node 20 has no compile cache and skips this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./main.js');
