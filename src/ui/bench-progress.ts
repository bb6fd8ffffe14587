import type { EngineEvent } from '../bench/engine.js';
import { paint } from '../report/paint.js';

/**
 * Live progress of a benchmark on stderr: one redrawn line on a terminal, plain lines (every tenth of the run)
 * otherwise. Per target: done/planned and errors, then an ETA from the pace so far.
 */
export class BenchProgress {
  private readonly done = new Map<string, { n: number; errors: number }>();
  private readonly started = Date.now();
  private total = 0;
  private finished = 0;
  private lastDecile = 0;
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly write: (s: string) => void,
    private readonly tty: boolean,
    private readonly color: boolean,
    targets: readonly string[],
    private readonly perTarget: number,
    /** A timed closed loop: it ends at a time, not a count, so progress is time (perTarget is only a cap). */
    private readonly forS?: number,
  ) {
    for (const t of targets) this.done.set(t, { n: 0, errors: 0 });
    this.total = targets.length * perTarget;
    if (tty) this.timer = setInterval(() => this.draw(), 250).unref();
  }

  on(e: EngineEvent): void {
    if (e.type === 'stopping') {
      this.line(e.reason === 'max-spend' ? 'Reached --max-spend: no more requests are sent; finishing those in flight.' : 'Interrupted: aborting requests in flight and summarising what completed.');
      return;
    }
    if (e.type !== 'done' || e.job.warmup) return;
    const d = this.done.get(e.record.target);
    if (!d) return;
    d.n++;
    if (e.record.errorClass) d.errors++;
    this.finished++;
    if (!this.tty) {
      const decile = this.forS !== undefined ? Math.floor(((Date.now() - this.started) / 1000 / this.forS) * 10) : Math.floor((this.finished * 10) / this.total);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.write(this.status() + '\n');
      }
    }
  }

  private status(): string {
    const c = paint(this.color);
    const of = this.forS !== undefined ? '' : `/${this.perTarget}`;
    const parts = [...this.done].map(([t, d]) => `${t} ${d.n}${of}${d.errors ? c.red(` (${d.errors} err)`) : ''}`);
    const elapsed = (Date.now() - this.started) / 1000;
    if (this.forS !== undefined) return `${parts.join(' · ')}${c.dim(` · ${Math.max(0, Math.round(this.forS - elapsed))} s left`)}`;
    const eta = this.finished > 0 ? Math.max(0, Math.round((elapsed / this.finished) * (this.total - this.finished))) : undefined;
    return `${parts.join(' · ')}${eta !== undefined && this.finished < this.total ? c.dim(` · ETA ${eta} s`) : ''}`;
  }

  private draw(): void {
    this.write(`\r\x1b[2K${this.status()}`);
    this.drawn = true;
  }

  private line(text: string): void {
    if (this.tty && this.drawn) this.write('\r\x1b[2K');
    this.write(text + '\n');
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty && this.drawn) this.write(`\r\x1b[2K${this.status()}\n`);
  }
}
