import { headerValue, type HeaderFields } from './header-fields.js';

/** Subjects of out-of-office and other automatic replies, in the languages members' mail programs write them. */
const AUTO_REPLY_SUBJECT =
  /^\s*(?:\[?auto(?:matic)?[- ]?(?:reply|response|answer)\]?|auto:|out of (?:the )?office|ooo\b|away from (?:the )?office|on (?:annual )?leave|on vacation|vacation|absence|abwesend|abwesenheit|automatische antwort|r[ée]ponse automatique|risposta automatica|respuesta autom[áa]tica|autosvar|automatisch antwoord|afwezig)/iu;

/**
 * Pure: whether a message is an automatic reply (RFC 3834 and the headers
 * and subjects mail programs use in its place). Callers ask this only of a
 * message that is not a delivery report: bounces carry `Auto-Submitted:
 * auto-replied` too.
 */
export function isAutoReply(fields: HeaderFields, subject: string): boolean {
  const submitted = headerValue(fields, 'auto-submitted')?.toLowerCase();
  if (submitted !== undefined && submitted.startsWith('auto-replied')) return true;
  if (headerValue(fields, 'x-autoreply') !== undefined || headerValue(fields, 'x-autorespond') !== undefined) return true;
  if (/^auto[_-]?reply$/iu.test(headerValue(fields, 'precedence')?.trim() ?? '')) return true;
  return AUTO_REPLY_SUBJECT.test(subject.replace(/^(?:re|aw|sv|fw|fwd):\s*/iu, ''));
}
