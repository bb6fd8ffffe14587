import type { ScenarioId } from './scenarios.js';
import type { AttemptRecord, UpstreamRole } from './types.js';

/**
 * The upstreams' own log of every chat attempt, by nonce: the drill's source of truth for how often the primary
 * and the secondary were tried. Records are live (the writer updates tokens and `completed` as the answer goes
 * out); readers get copies so a late update cannot change a result already built.
 */
export class AttemptLog {
  private readonly byNonce = new Map<string, AttemptRecord[]>();
  private unattributedCount = 0;

  constructor(private readonly startedAt: number) {}

  /** Log an attempt whose body has arrived; returns the live record and its 0-based index per nonce and role. */
  add(upstream: UpstreamRole, nonce: string | null, scenario: ScenarioId, stream: boolean): { record: AttemptRecord; attempt: number } {
    const record: AttemptRecord = { upstream, nonce, scenario, stream, atMs: Date.now() - this.startedAt, action: 'pending', promptTokens: 0, completionTokens: 0, completed: false };
    if (nonce === null) {
      this.unattributedCount++;
      return { record, attempt: 0 };
    }
    const list = this.byNonce.get(nonce) ?? [];
    const attempt = list.filter((a) => a.upstream === upstream).length;
    list.push(record);
    this.byNonce.set(nonce, list);
    return { record, attempt };
  }

  attemptsFor(nonce: string): AttemptRecord[] {
    return (this.byNonce.get(nonce) ?? []).map((a) => ({ ...a }));
  }

  unattributed(): number {
    return this.unattributedCount;
  }
}
