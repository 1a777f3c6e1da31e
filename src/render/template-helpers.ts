import type Handlebars from 'handlebars';

/** The few helpers templates get. Both the MJML and the text side have all of them. */
export function registerTemplateHelpers(env: typeof Handlebars): void {
  /** `{{join meta " · "}}`: a list on one line. */
  env.registerHelper('join', (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : ''));

  /** `{{concat "Service spotlight: " name}}`: one string from several. */
  env.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));

  /** `{{upper "Research"}}`: capitals, for plain-text headings. */
  env.registerHelper('upper', (text: unknown) => String(text).toUpperCase());

  /**
   * `{{underline title "="}}`: the text and, below it, a rule as long as the
   * text (at most 78 characters, the width of the plain-text part).
   */
  env.registerHelper('underline', (text: unknown, char: unknown) => {
    const value = String(text);
    const rule = (typeof char === 'string' && char !== '' ? char : '-').repeat(Math.min([...value].length, 78));
    return `${value}\n${rule}`;
  });
}
