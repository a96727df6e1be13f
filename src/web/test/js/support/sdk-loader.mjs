// Module hooks for Node: the page's modules import the SDK by its URL on a Tandem node
// (/sdk/src/...); in the tests that is clients/js/src/... Registered with module.register().
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const sdkRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../clients/js');

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('/sdk/')) return next(pathToFileURL(path.join(sdkRoot, specifier.slice('/sdk/'.length))).href, context);
  return next(specifier, context);
}
