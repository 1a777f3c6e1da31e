/** The addresses a spam complaint (ARF, RFC 5965) is about: Original-Rcpt-To, or Removal-Recipient. */
export function complainedAddresses(report: string): string[] {
  const found: string[] = [];
  for (const match of report.matchAll(/^(?:Original-Rcpt-To|Removal-Recipient)\s*:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/gimu)) found.push(match[1]!);
  return [...new Set(found)];
}
