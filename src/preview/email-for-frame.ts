export type ColorScheme = 'light' | 'dark';

const SCHEME_QUERY = /\(\s*prefers-color-scheme\s*:\s*(light|dark)\s*\)/giu;
const ALWAYS = '(min-width: 0px)';
const NEVER = '(max-width: 0px) and (min-width: 1px)';

/**
 * Pure: the member's HTML as the preview frame shows it, in one colour scheme
 * whatever the viewer's own setting. The template's `prefers-color-scheme`
 * media queries for the chosen scheme are switched on and the others off, so
 * the dark view shows exactly the dark styles Apple Mail and iOS Mail apply.
 * (Chromium does not pass a parent page's colour scheme into an iframe, so
 * the preference itself cannot be emulated from the page.) Links open in a
 * new tab rather than inside the frame.
 */
export function emailForFrame(html: string, scheme: ColorScheme): string {
  return html
    .replace(/<head([^>]*)>/iu, '<head$1><base target="_blank">')
    .replace(SCHEME_QUERY, (_match, wanted: string) => (wanted.toLowerCase() === scheme ? ALWAYS : NEVER))
    .replace(/(<meta\s+name="color-scheme"\s+content=")[^"]*"/iu, `$1${scheme}"`);
}
