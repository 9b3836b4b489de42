/**
 * Cancellation that works across threads: a SharedArrayBuffer flag that a synchronous loop
 * (a better-sqlite3 import) can poll between chunks, set from another thread.
 */
export class CancelToken {
  readonly buffer: SharedArrayBuffer;
  private readonly flag: Int32Array;
  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(4);
    this.flag = new Int32Array(this.buffer);
  }
  cancel(): void {
    Atomics.store(this.flag, 0, 1);
  }
  get cancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1;
  }
  /** Throws JobCancelled if cancel() was called; domain loops call this between chunks. */
  throwIfCancelled(): void {
    if (this.cancelled) throw new JobCancelled();
  }
}

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled by the user; nothing was written.');
    this.name = 'JobCancelled';
  }
}
