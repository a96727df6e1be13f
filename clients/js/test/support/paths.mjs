// Where the SDK's tests find the repository's build outputs (the Java build writes them).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const sdkRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(sdkRoot, '../..');
export const otVectors = path.join(repoRoot, 'src/ot/target/ot-vectors/vectors.json');
export const canvasVectors = path.join(repoRoot, 'src/ot/target/canvas-vectors/vectors.json');
export const recoveryTable = path.join(repoRoot, 'src/protocol/target/recovery/recovery.json');
