/**
 * A token bucket per client address: `burst` requests at once, refilled at
 * `perMinute`. Time is passed in, so tests need no clock. The table is
 * bounded: when it grows past `maxClients`, clients whose bucket is full again
 * (idle ones) are forgotten first, then the oldest.
 */
export class IpRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number = perMinute,
    private readonly maxClients: number = 10_000,
  ) {}

  /** Takes one token for `client`; returns 0 when allowed, else the seconds until the next token. */
  take(client: string, now: number): number {
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60);
  }

  private prune(now: number): void {
    if (this.buckets.size <= this.maxClients) return;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute >= this.burst) this.buckets.delete(client);
    }
    // Map order is least recently used first.
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}
