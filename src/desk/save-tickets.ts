/** How long the email's frame waits for the save it follows: past it, it shows the file as it is. */
const MAX_WAIT_MS = 30_000;
/** More than any page sends at once: past it, the oldest ticket is let go. */
const MAX_TICKETS = 100;

interface Ticket {
  settled: Promise<void>;
  settle: () => void;
  timer: NodeJS.Timeout;
}

/**
 * The editor's script sends a save and, at the same moment, reloads the
 * email's frame with the same ticket (`?after=TICKET`): the frame's request
 * waits here until that save is written (or refused), so the browser loads
 * the frame while the desk saves, not after. Either request may arrive
 * first; a ticket whose save never comes is let go after MAX_WAIT_MS.
 */
export class SaveTickets {
  private readonly tickets = new Map<string, Ticket>();

  /** Pure: a ticket as the page makes them, or undefined. */
  static valid(ticket: string | string[] | null | undefined): string | undefined {
    return typeof ticket === 'string' && /^[a-z0-9]{8,64}$/u.test(ticket) ? ticket : undefined;
  }

  /** The save with this ticket is written or refused: its frame may load. */
  settle(ticket: string): void {
    this.ticket(ticket).settle();
  }

  /** Resolves once the save with this ticket has settled (at most MAX_WAIT_MS from the first word of it). */
  async after(ticket: string): Promise<void> {
    await this.ticket(ticket).settled;
    this.drop(ticket);
  }

  /** Lets every waiting frame go (the desk is stopping). */
  close(): void {
    for (const ticket of [...this.tickets.keys()]) this.drop(ticket);
  }

  private ticket(id: string): Ticket {
    const known = this.tickets.get(id);
    if (known) return known;
    if (this.tickets.size >= MAX_TICKETS) this.drop(this.tickets.keys().next().value!);
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const timer = setTimeout(() => this.drop(id), MAX_WAIT_MS);
    timer.unref();
    const ticket = { settled, settle, timer };
    this.tickets.set(id, ticket);
    return ticket;
  }

  private drop(id: string): void {
    const ticket = this.tickets.get(id);
    if (!ticket) return;
    ticket.settle();
    clearTimeout(ticket.timer);
    this.tickets.delete(id);
  }
}
