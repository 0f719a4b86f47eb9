// Buffered text output for big generated files. Rows are encoded straight into a preallocated
// ~1 MB Buffer (row strings then die young, so the GC never sees a long-lived rope of millions of
// small strings); full buffers are handed to the stream by flush(), which waits for 'drain' when
// the stream's own buffer is full (backpressure). Text must be ASCII (everything the generator
// writes is), which makes latin1 encoding exact and one byte per character.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

const BATCH_BYTES = 1 << 20;

export class BatchWriter {
  private buf = Buffer.allocUnsafe(BATCH_BYTES);
  private pos = 0;
  private readonly ready: Buffer[] = [];
  private readonly stream: WriteStream;

  /** `append`: add to an existing file (e.g. one that already holds a header). */
  constructor(path: string, append = false) {
    this.stream = createWriteStream(path, { flags: append ? 'a' : 'w' });
  }

  write(text: string): void {
    if (this.pos + text.length > this.buf.length) {
      if (this.pos > 0) this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(BATCH_BYTES, text.length));
      this.pos = 0;
    }
    this.pos += this.buf.write(text, this.pos, 'latin1');
  }

  /** True once a batch is ready: the caller awaits flush() at its next convenient point. */
  get full(): boolean {
    return this.ready.length > 0;
  }

  /** Hands the completed batches (and, with `all`, the partial one) to the stream. */
  async flush(all = false): Promise<void> {
    if (all && this.pos > 0) {
      this.ready.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(BATCH_BYTES);
      this.pos = 0;
    }
    let ok = true;
    for (const b of this.ready) ok = this.stream.write(b);
    this.ready.length = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await finished(this.stream);
  }
}
