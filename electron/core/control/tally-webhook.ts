// The optional tally webhook: a POST with the tally as JSON on every change, for tally lights and
// third-party systems. Requests never pile up: while one is in flight only the newest change waits.
import type { Tally } from '../../shared/tally.js';
import type { Logger } from '../log/logger.js';

export interface TallyPayload {
  event: 'tally';
  at: string;
  tally: Record<string, Tally>;
  onAir: boolean;
  recording: boolean;
}

export class TallyWebhook {
  private inFlight = false;
  private pending: TallyPayload | null = null;
  private lastSent = '';
  private failing = false;

  constructor(
    private readonly settings: () => { url: string; timeoutMs: number } | null,
    private readonly logger: Logger,
  ) {}

  /** Call on every state change; posts only when the tally, on-air or recording changed. */
  update(p: Omit<TallyPayload, 'event' | 'at'>): void {
    const sig = JSON.stringify(p);
    if (sig === this.lastSent || this.settings() === null) return;
    this.lastSent = sig;
    this.pending = { event: 'tally', at: new Date().toISOString(), ...p };
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.inFlight) return;
    const cfg = this.settings();
    const body = this.pending;
    if (cfg === null || body === null) return;
    this.pending = null;
    this.inFlight = true;
    try {
      const res = await fetch(cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(cfg.timeoutMs),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      if (this.failing) this.logger.info('tally webhook reachable again');
      this.failing = false;
    } catch (err) {
      // One warning per outage, not one per change.
      if (!this.failing)
        this.logger.warn(`tally webhook failed: ${err instanceof Error ? err.message : String(err)}`);
      this.failing = true;
    } finally {
      this.inFlight = false;
    }
    if (this.hasPending()) await this.flush();
  }

  /** A change arrived while the request was in flight (a method, so the check is not narrowed away). */
  private hasPending(): boolean {
    return this.pending !== null;
  }
}
