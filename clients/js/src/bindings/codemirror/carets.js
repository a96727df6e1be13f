// Other people's carets and selections in CodeMirror, as decorations: a tinted mark over each
// selection and a caret widget with its owner's name. They are set with an effect and move with
// every change of the document like any decoration.

import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';

/** [{ client, from, to, head, color, name, labelled }] in UTF-16 offsets of the current document. */
export const setPeers = StateEffect.define();

class CaretWidget extends WidgetType {
  constructor(color, name, labelled) {
    super();
    this.color = color;
    this.name = name;
    this.labelled = labelled;
  }

  eq(other) {
    return other.color === this.color && other.name === this.name && other.labelled === this.labelled;
  }

  toDOM() {
    const el = document.createElement('span');
    el.className = this.labelled ? 'rcaret rcaret-labelled' : 'rcaret';
    el.style.setProperty('--peer', this.color);
    el.setAttribute('aria-hidden', 'true');
    const flag = document.createElement('span');
    flag.className = 'rcaret-flag';
    flag.textContent = this.name;
    el.append(flag);
    return el;
  }

  ignoreEvent() {
    return true;
  }
}

function decorationsOf(peers) {
  const ranges = [];
  for (const p of peers) {
    if (p.to > p.from) {
      ranges.push(Decoration.mark({ class: 'rsel', attributes: { style: `background-color: ${tint(p.color, 0.28)}` } }).range(p.from, p.to));
    }
    ranges.push(Decoration.widget({ widget: new CaretWidget(p.color, p.name, p.labelled), side: -1 }).range(p.head));
  }
  return Decoration.set(ranges, true);
}

/** The peers as last set, moved through every change since, and their decorations. */
export const peersField = StateField.define({
  create: () => ({ peers: [], decorations: Decoration.none }),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setPeers)) return { peers: e.value, decorations: decorationsOf(e.value) };
    if (!tr.docChanged) return value;
    const map = (pos, assoc) => tr.changes.mapPos(pos, assoc);
    const peers = value.peers.map((p) => {
      const from = map(p.from, 1);
      const to = Math.max(from, map(p.to, -1));
      return { ...p, from, to, head: map(p.head, -1) };
    });
    return { peers, decorations: value.decorations.map(tr.changes) };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
});

/** `#rrggbb` as rgba() with the given opacity. */
export function tint(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
