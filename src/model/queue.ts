/**
 * A first-in, first-out queue for the households waiting for a flat in the region (movers from
 * other estates, households displaced by demolition). Letting looks at the first few in line and
 * takes one of them; households that have waited too long leave from the front.
 *
 * An array with `splice` and `shift` moves every later entry on each removal, which in a region
 * of hundreds of estates (thousands waiting) was 5% of a run. Here the entries live in an array
 * from `head` on: taking the first in line moves only the head, taking the k-th moves the k
 * entries before it by one place, and the array is compacted when more than half of it lies
 * before the head. The order of the entries is that of the array with `splice` and `shift`.
 */
export class Queue<T> {
  private items: T[] = [];
  private head = 0;

  /** Number of entries waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** The k-th entry in line (0 = the first). */
  at(k: number): T {
    return this.items[this.head + k]!;
  }

  push(x: T): void {
    this.items.push(x);
  }

  /** Remove and return the first entry. */
  shift(): T {
    if (this.length === 0) throw new Error('shift from an empty queue (internal error)');
    const x = this.items[this.head]!;
    this.head++;
    this.compact();
    return x;
  }

  /** Remove and return the k-th entry in line; the others keep their order. */
  removeAt(k: number): T {
    if (k < 0 || k >= this.length) throw new Error(`no entry ${k} in a queue of ${this.length} (internal error)`);
    const a = this.items;
    const x = a[this.head + k]!;
    for (let j = this.head + k; j > this.head; j--) a[j] = a[j - 1]!;
    this.head++;
    this.compact();
    return x;
  }

  /** The entries in line, first to last (a copy). */
  toArray(): T[] {
    return this.items.slice(this.head);
  }

  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
