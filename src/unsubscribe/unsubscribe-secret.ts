import { SnippetError } from '../errors.js';

/** 32 characters: as long as `openssl rand -hex 16`, far beyond guessing for a key that signs links. */
export const MIN_UNSUBSCRIBE_SECRET_LENGTH = 32;

const HOW =
  'Make one with `openssl rand -hex 32` and set it in the environment file cron reads; keep it the same for every send and for the unsubscribe server, or earlier links stop working.';

/**
 * Pure: why SNIPPET_UNSUBSCRIBE_SECRET cannot sign unsubscribe links, or
 * undefined when it can. A short key can be guessed, and with it anyone
 * could unsubscribe anyone.
 */
export function unsubscribeSecretProblem(secret: string | undefined): SnippetError | undefined {
  if (!secret)
    return new SnippetError('SNIPPET_UNSUBSCRIBE_SECRET is not set', {
      hint: `One-click unsubscribe links (unsubscribe.url in snippet.config.yaml) are signed with it. ${HOW}`,
    });
  if (secret.length >= MIN_UNSUBSCRIBE_SECRET_LENGTH) return undefined;
  return new SnippetError(
    `SNIPPET_UNSUBSCRIBE_SECRET is too short (${secret.length} character${secret.length === 1 ? '' : 's'}): it needs at least ${MIN_UNSUBSCRIBE_SECRET_LENGTH}`,
    { hint: HOW },
  );
}
