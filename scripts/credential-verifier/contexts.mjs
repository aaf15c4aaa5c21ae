// Prints {url: document} for the given context URLs, as the verifier's loader serves them, so Agora's
// vendored copies (crates/credentials/contexts/) can be compared with the npm packages.
// Usage: node contexts.mjs URL ...
import {buildLoader} from './loader.mjs';

const loader = buildLoader();
const out = {};
for (const url of process.argv.slice(2)) out[url] = (await loader(url)).document;
console.log(JSON.stringify(out));
