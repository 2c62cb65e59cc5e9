/**
 * Listed roles by expiry time, soonest first (a binary min-heap), so the index drops every role
 * whose time has passed before it answers, without anyone writing to the database. Entries
 * are never updated in place: a renewed or relisted role gets a new entry and the old one is
 * recognised as stale when it comes out (its time no longer matches the role's).
 */
export class ExpiryHeap {
  private times: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.ids.length;
  }

  push(time: number, id: number): void {
    const times = this.times;
    const ids = this.ids;
    let i = ids.length;
    times.push(time);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  /** The soonest time, or Infinity when empty. */
  peekTime(): number {
    return this.times.length ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** Removes the soonest entry and returns its id. */
  pop(): number {
    const times = this.times;
    const ids = this.ids;
    const top = ids[0]!;
    const lastTime = times.pop()!;
    const lastId = ids.pop()!;
    const n = ids.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && times[right]! < times[left]! ? right : left;
        if (times[child]! >= lastTime) break;
        times[i] = times[child]!;
        ids[i] = ids[child]!;
        i = child;
      }
      times[i] = lastTime;
      ids[i] = lastId;
    }
    return top;
  }

  /** The heap as it is, for a snapshot (times and ids, in heap order). */
  entries(): { times: Float64Array; ids: Uint32Array } {
    return { times: Float64Array.from(this.times), ids: Uint32Array.from(this.ids) };
  }

  /** Takes back what `entries` gave (heapified again, so any order is safe). */
  restore(times: Float64Array, ids: Uint32Array): void {
    this.reset(times, ids);
  }

  /** Replaces the entries (the caller leaves out stale ones), heapified bottom-up in O(n). */
  reset(times: ArrayLike<number>, ids: ArrayLike<number>): void {
    this.times = Array.from(times);
    this.ids = Array.from(ids);
    for (let i = (this.ids.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(start: number): void {
    const times = this.times;
    const ids = this.ids;
    const n = ids.length;
    const time = times[start]!;
    const id = ids[start]!;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && times[right]! < times[left]! ? right : left;
      if (times[child]! >= time) break;
      times[i] = times[child]!;
      ids[i] = ids[child]!;
      i = child;
    }
    times[i] = time;
    ids[i] = id;
  }
}
