import { createWriteStream, type WriteStream } from 'node:fs';
import { RunError } from '../errors.js';

/**
 * Appends one JSON document per line as results arrive, so an interrupted run keeps every completed record.
 * Writes are asynchronous (the measuring loop never waits on the disk); `close` waits until all are flushed.
 */
export class JsonlWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(
    readonly file: string,
    private readonly scrub: (line: string) => string = (l) => l,
  ) {
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  write(value: unknown): void {
    if (this.failure) return;
    this.stream.write(this.scrub(JSON.stringify(value)) + '\n');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.failure) throw new RunError(`Cannot write ${this.file}: ${this.failure.message}`);
  }
}
