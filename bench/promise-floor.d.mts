/** Sends `messages` copies of `raw` as a bare client keeping snippet's promise through its ledger (with `durable`), or none (without); resolves with the milliseconds taken. Needs `npm run build`. */
export function floorSend(options: {
  port: number;
  connections: number;
  messages: number;
  raw: Buffer;
  durable: boolean;
  /** Where the ledger is written and left; a temporary folder, removed afterwards, when not given. */
  folder?: string;
}): Promise<number>;
