// Where the tests find the browser code and the build's outputs.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const webroot = path.join(repoRoot, 'webroot');
export const sdkRoot = path.join(repoRoot, 'clients/js');
/** The packaged server: src/server/target/tandem-server-*.jar and its dependencies in lib/. */
export const serverTarget = path.join(repoRoot, 'src/server/target');
export const otVectors = path.join(repoRoot, 'src/ot/target/ot-vectors/vectors.json');
export const recoveryTable = path.join(repoRoot, 'src/protocol/target/recovery/recovery.json');
