/**
 * Reorder buffer for Telnyx media frames, which may arrive out of order
 * ("Media frame order is not guaranteed": Telnyx's streaming docs). Frames
 * are released strictly by sequence number. A frame that arrives ahead of a
 * missing one waits, at most `depth` frames or `maxWaitMs`, whichever comes
 * first; then the gap is given up (the model hears a 20 ms hole rather than
 * ever-growing delay). A frame older than what was already released, or a
 * duplicate, is dropped.
 *
 * In order, a frame costs one comparison: nothing is buffered or timed.
 */

export interface ReorderStats {
  /** Frames that arrived ahead of a missing earlier frame and waited. */
  reordered: number;
  /** Frames dropped because they came after their place was released, or twice. */
  late: number;
  /** Sequence numbers given up as lost. */
  skipped: number;
}

export class ReorderBuffer<T> {
  readonly stats: ReorderStats = { reordered: 0, late: 0, skipped: 0 };
  #next: number | null = null;
  readonly #pending = new Map<number, T>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly release: (item: T) => void,
    private readonly depth: number,
    private readonly maxWaitMs: number,
    /** The first sequence number the carrier uses; a stream that begins later waits for it at most as long as for any gap. */
    private readonly first = 1,
  ) {}

  push(seq: number, item: T): void {
    if (this.#next === null) this.#next = Math.min(seq, this.first);
    if (seq < this.#next || this.#pending.has(seq)) {
      this.stats.late++;
      return;
    }
    if (seq === this.#next) {
      this.#next++;
      this.release(item);
      if (this.#pending.size > 0) this.#drain();
      return;
    }
    this.#pending.set(seq, item);
    this.stats.reordered++;
    if (this.#pending.size > this.depth) this.#skipGap();
    else this.#arm();
  }

  /** Releases everything still waiting, in order, giving up the gaps (end of the stream). */
  flush(): void {
    while (this.#pending.size > 0) this.#skipGap();
    this.#disarm();
  }

  /** Frames waiting for an earlier one. */
  get waiting(): number {
    return this.#pending.size;
  }

  #drain(): void {
    while (this.#pending.has(this.#next!)) {
      const item = this.#pending.get(this.#next!)!;
      this.#pending.delete(this.#next!);
      this.#next!++;
      this.release(item);
    }
    if (this.#pending.size === 0) this.#disarm();
  }

  #skipGap(): void {
    let min = Infinity;
    for (const k of this.#pending.keys()) if (k < min) min = k;
    this.stats.skipped += min - this.#next!;
    this.#next = min;
    this.#drain();
    if (this.#pending.size > 0) this.#arm();
  }

  #arm(): void {
    if (this.#timer || this.maxWaitMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#pending.size > 0) this.#skipGap();
    }, this.maxWaitMs);
    this.#timer.unref();
  }

  #disarm(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
