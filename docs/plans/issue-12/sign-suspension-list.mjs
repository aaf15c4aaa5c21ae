import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import {createList, createCredential} from '@digitalbazaar/vc-bitstring-status-list';
const documentLoader = securityLoader().build();
const key = await Ed25519Multikey.from({id: 'did:web:agora.example#key-1', controller: 'did:web:agora.example',
  publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  secretKeyMultibase: 'zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx'});
for (const set of [false, true]) {
  const list = await createList({length: 131072}); if (set) list.setStatus(42, true);
  const cred = await createCredential({id: 'https://agora.example/status/2', list, statusPurpose: 'suspension'});
  cred.issuer = 'did:web:agora.example'; cred.validFrom = '2025-01-01T00:00:00Z';
  const signed = await vc.issue({credential: cred, suite: new DataIntegrityProof({signer: key.signer(), cryptosuite}), documentLoader});
  fs.writeFileSync(`susp-${set ? 'set' : 'ok'}.json`, JSON.stringify({url: 'https://agora.example/status/2', document: signed}));
}
