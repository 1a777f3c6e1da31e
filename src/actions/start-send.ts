import { warmChildRenderer } from '../render/render-in-child.js';
import type { SendOptions, SendOutcome } from './send-command.js';
import type { SendListener } from './send-events.js';

/**
 * `snippet send ISSUE` from the command line: sendCommand, with the render
 * child started before the send's own modules load (reading the workspace,
 * building messages, SMTP: about a quarter of a second of the start-up), so
 * that the child has MJML loaded by the time the issue is read. It is
 * sendCommand's renderer; a child never asked to render (the issue had
 * errors) is stopped here, and stops on its own when this process is gone.
 */
export async function startSend(options: SendOptions, listener: SendListener): Promise<SendOutcome> {
  const warm = options.render ? undefined : warmChildRenderer();
  try {
    const { sendCommand } = await import('./send-command.js');
    return await sendCommand(warm ? { ...options, render: warm.render } : options, listener);
  } finally {
    warm?.dispose();
  }
}
