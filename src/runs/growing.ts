/**
 * Typed arrays that grow as entries are pushed, for tables whose length is known only at the end
 * (the item table built from a stream of answer groups).
 */
/** A typed array that doubles its capacity as entries are pushed. */
export class Growing<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(private data: T, private readonly make: (n: number) => T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(16, 2 * this.data.length));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The entries as an array of their exact length (the buffer itself when full). */
  done(): T {
    return (this.length === this.data.length ? this.data : this.data.slice(0, this.length)) as T;
  }
}

export const floats = (n: number) => new Growing(new Float64Array(n), (m) => new Float64Array(m));
export const ints = (n: number) => new Growing(new Int32Array(n), (m) => new Int32Array(m));
export const bytes = (n: number) => new Growing(new Uint8Array(n), (m) => new Uint8Array(m));
