/** Terminal escape sequences: CSI (colours, cursor moves), OSC (window titles, links) to its end, and two-character ones. */
// eslint-disable-next-line no-control-regex
const SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_]?)/gu;
/** What is left of the C0 and C1 controls and DEL once line ends are LF: all but tab and LF. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/**
 * Pure: a form answer as it may be stored and shown. Line ends become LF;
 * Word's line and page breaks (vertical tab, form feed) become line breaks;
 * terminal escape sequences (ESC [ …, ESC ] … BEL) and every other control
 * character are removed, so none reaches the terminal or the issue file.
 */
export function cleanAnswer(text: string): { text: string; removed: boolean } {
  const lines = text.replace(/\r\n?/gu, '\n').replace(/[\v\f]/gu, '\n');
  const cleaned = lines.replace(SEQUENCE, '').replace(CONTROL, '');
  return { text: cleaned, removed: cleaned.length !== lines.length };
}
