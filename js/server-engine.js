// The main thread's handle on the wire-protocol server's engine thread (server-worker.js):
// calls are messages answered in order; cancel flags live in a SharedArrayBuffer the engine
// polls while a statement runs, one slot per connection.
import { Worker } from 'node:worker_threads';

const SLOTS = 4096;

export class EngineHost {
  constructor() {
    this.flags = new Int32Array(new SharedArrayBuffer(4 * SLOTS));
    this.freeSlots = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
    this.pending = new Map();
    this.seq = 0;
    this.worker = new Worker(new URL('./server-worker.js', import.meta.url), { workerData: { cancelFlags: this.flags.buffer } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', (m) => { if (m.ready) resolve(); });
    });
    this.worker.on('message', (m) => {
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  call(op, args) {
    return new Promise((resolve, reject) => {
      const seq = ++this.seq;
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, op, args });
    });
  }

  takeSlot() {
    const slot = this.freeSlots.pop();
    if (slot === undefined) return undefined;
    Atomics.store(this.flags, slot, 0);
    return slot;
  }
  releaseSlot(slot) { this.freeSlots.push(slot); }
  cancel(slot) { Atomics.store(this.flags, slot, 1); }
  clearCancel(slot) { Atomics.store(this.flags, slot, 0); }

  terminate() { return this.worker.terminate(); }
}
