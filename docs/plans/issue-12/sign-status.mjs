import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import {createList, createCredential} from '@digitalbazaar/vc-bitstring-status-list';
const documentLoader = securityLoader().build();
const key = await Ed25519Multikey.from({
  id: 'did:web:agora.example#key-1', controller: 'did:web:agora.example',
  publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  secretKeyMultibase: 'zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx'});
for (const revoked of [false, true]) {
  const list = await createList({length: 131072});
  if (revoked) list.setStatus(42, true);
  const cred = await createCredential({id: 'https://agora.example/status/1', list, statusPurpose: 'revocation'});
  cred.issuer = 'did:web:agora.example'; cred.validFrom = '2025-01-01T00:00:00Z';
  const suite = new DataIntegrityProof({signer: key.signer(), cryptosuite});
  const signed = await vc.issue({credential: cred, suite, documentLoader});
  fs.writeFileSync(`status-${revoked ? 'revoked' : 'ok'}.json`, JSON.stringify({url: 'https://agora.example/status/1', document: signed}));
  if (!revoked) console.log(signed.credentialSubject.encodedList.length, signed.credentialSubject.encodedList.slice(0, 40));
}
const vm = {id: 'did:web:agora.example#key-1', type: 'Multikey', controller: 'did:web:agora.example', publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'};
fs.writeFileSync('did.json', JSON.stringify({url: 'did:web:agora.example', document: {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: 'did:web:agora.example', verificationMethod: [vm], assertionMethod: [vm.id]}}));
fs.writeFileSync('vm.json', JSON.stringify({url: vm.id, document: {'@context': 'https://w3id.org/security/multikey/v1', ...vm}}));
