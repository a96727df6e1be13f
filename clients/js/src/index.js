// @tandem/client: co-editing with a Tandem server from the browser (or Node 22+ with a WebSocket).
// The bindings are separate entry points (./bindings/textarea/index.js, ./bindings/codemirror/index.js)
// so that an application loads only the editor it uses.

export { TandemClient } from './client.js';
export { TandemDocument } from './document.js';
export { textType } from './types/text.js';
export { registerType, typeNamed, transformPair } from './types/type.js';
export { TextOperation, Bias } from './ot/text-operation.js';
export { Selection } from './ot/selection.js';
export { OtError } from './ot/ot-error.js';
export { RECOVERY, recoveryOf } from './sync/recovery.js';
export { typingLine } from './sync/presence.js';
export { openOffline } from './store/offline.js';
