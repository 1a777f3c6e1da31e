/**
 * A message as an .eml file: the same bytes with LF line ends, as mail
 * programs save them (the wire's CRLF becomes LF; a message holds no other CR).
 */
export function toEml(raw: Buffer): Buffer {
  return Buffer.from(raw.filter((byte) => byte !== 0x0d));
}
