/** A hard bounce (RFC 3464) of our mail to `to`, the `n`th report of a mailbox, dated `date` (an RFC 5322 date). */
export function hardBounce(n: number, to: string, date?: string): string;
