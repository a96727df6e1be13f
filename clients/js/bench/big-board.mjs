// A big board like the Java CanvasBenchmark's: 99 frames holding stickies, rectangles and
// arrows in a grid, `n` objects in all. Shared by the SDK's and the browser's board benchmarks.
import { CanvasDoc, CanvasOperation, createChange, indexesBetween } from '../src/types/canvas/index.js';

export function bigBoard(n) {
  const frames = 99;
  const perFrame = Math.ceil((n - frames) / frames);
  const doc = new CanvasDoc();
  const top = indexesBetween(null, null, frames);
  const inside = indexesBetween(null, null, perFrame);
  let made = 0;
  for (let f = 0; f < frames && made < n; f++) {
    const changes = [createChange(`f${f}`, 'frame', null, top[f], { x: (f % 10) * 2000, y: Math.floor(f / 10) * 1500, width: 1900, height: 1400, name: `Frame ${f}` })];
    made++;
    for (let i = 0; i < perFrame && made < n; i++, made++) {
      const kind = ['sticky', 'rectangle', 'arrow'][i % 3];
      const props = { x: (f % 10) * 2000 + (i % 10) * 180, y: Math.floor(f / 10) * 1500 + Math.floor(i / 10) * 140, width: 160, height: 120, fill: '#fff59d' };
      if (kind === 'sticky') props.text = `Note ${f}.${i} with a few words`;
      if (kind === 'arrow') props.points = [0, 0, 120, 40];
      changes.push(createChange(`o${f}_${i}`, kind, `f${f}`, inside[i], props));
    }
    for (let k = 0; k < changes.length; k += 1000) doc.apply(new CanvasOperation(changes.slice(k, k + 1000)));
  }
  return doc;
}

