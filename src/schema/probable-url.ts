/** Pure: what a link written without its scheme (`www.example.org/a`, `example.org`) probably is, or undefined. */
export function probableUrl(link: unknown): string | undefined {
  return typeof link === 'string' && /^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/iu.test(link.trim()) ? `https://${link.trim()}` : undefined;
}
