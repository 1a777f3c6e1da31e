// The module hooks of stuck-render.mjs: the built render, and nothing else, is
// replaced by one that never returns.
let fifo;

export function initialize(data) {
  fifo = data.fifo;
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('/dist/render/render-from-workspace.js')) return nextLoad(url, context);
  const source = `
    import { openSync, writeSync } from 'node:fs';
    export async function renderFromWorkspace() {
      writeSync(openSync(${JSON.stringify(fifo)}, 'w'), 'stuck ' + process.pid + '\\n');
      for (;;);
    }
  `;
  return { format: 'module', source, shortCircuit: true };
}
