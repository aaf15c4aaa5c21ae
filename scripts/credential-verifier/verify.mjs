// Independent verifier for Agora's Open Badges 3.0 credentials, built on Digital Bazaar's libraries
// (the reference implementation of eddsa-rdfc-2022 and Bitstring Status List), so Agora's own Rust
// verifier is not the only judge of its signatures. Used by crates/credentials/tests/independent.rs.
//
// Usage: node verify.mjs credential.json [--now ISO] [--static file.json ...]
// A did:web verification method needs two static files: the DID document (url = the DID, for the
// assertionMethod check) and the method itself (url = DID#fragment, @context multikey/v1).
// Prints {"verified":bool,"reason":string|null}; exit 0 = valid, 1 = not valid, 2 = could not run.
import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {buildLoader} from './loader.mjs';

const args = process.argv.slice(2);
const file = args[0];
let now;
const statics = [];
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--now') now = args[++i];
  else if (args[i] === '--static') statics.push(args[++i]);
  else {
    console.log(JSON.stringify({verified: false, reason: `unknown argument ${args[i]}`}));
    process.exit(2);
  }
}

try {
  const documentLoader = buildLoader(statics);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
  const credential = JSON.parse(fs.readFileSync(file, 'utf8'));
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus,
    now: now ? new Date(now) : undefined,
    maxClockSkew: 0,
  });
  let verified = result.verified;
  let reason = null;
  if (!verified) {
    const e = result.error || result.results?.find(r => !r.verified)?.error || result.statusResult?.error;
    reason = e?.errors?.[0]?.message || e?.message || String(e);
  } else if (result.statusResult) {
    // checkStatus reports verified:true even when a bit is set: look at the bits.
    const set = result.statusResult.results.filter(r => r.status === true);
    if (set.length) {
      verified = false;
      reason = set.map(r => r.credentialStatus.statusPurpose).join(',');
    }
  }
  console.log(JSON.stringify({verified, reason}));
  process.exit(verified ? 0 : 1);
} catch (e) {
  console.log(JSON.stringify({verified: false, reason: `verifier error: ${e?.message ?? e}`}));
  process.exit(2);
}
