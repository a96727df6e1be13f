// The sequencing loop on the canvas type, in JavaScript (the Java tests' MiniSequencer): a batch
// made on revision `base` is transformed past every batch committed after it, in order, then
// applied; what applying returns is the committed batch. Refusals are the OtError codes.
import { CanvasDoc, readOperation, transformCanvas } from '../../src/types/canvas/index.js';
import { OtError } from '../../src/ot/ot-error.js';

export class CanvasRoom {
  constructor(limits) {
    this.limits = limits;
    this.doc = new CanvasDoc(limits);
    this.committed = [];
  }

  get head() { return this.committed.length; }

  /** { rev, committed } or { refused: code }. */
  submit(base, op) {
    try {
      // Through the wire form both ways, as a real submission travels.
      let incoming = readOperation(JSON.parse(JSON.stringify(op)), this.limits);
      for (let r = base + 1; r <= this.head; r++) incoming = transformCanvas(incoming, this.committed[r - 1], 'left');
      const applied = this.doc.apply(incoming);
      this.committed.push(readOperation(JSON.parse(JSON.stringify(applied)), this.limits));
      return { rev: this.head, committed: applied };
    } catch (e) {
      if (e instanceof OtError) return { refused: e.code };
      throw e;
    }
  }
}
