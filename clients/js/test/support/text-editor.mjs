// A stand-in for the textarea adapter: just the text.
export function textEditor(initial = '') {
  return {
    text: initial,
    getSnapshot() { return this.text; },
    setSnapshot(t) { this.text = t; },
    applyOperation(op) { this.text = op.apply(this.text); },
  };
}
