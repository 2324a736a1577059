/**
 * Offline checks of the add-in manifest that the XSD cannot express: every `resid` names a declared
 * resource, every URL is https, and the add-in Id is a valid GUID that never changes (Office keys the
 * add-in's installs and settings by it). Usage: `node --import tsx scripts/check-manifest.ts [file]`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The add-in's identity; changing it makes Office treat the add-in as a new, different one. */
export const ADDIN_ID = '3f84fe04-e295-459c-a5a5-b71e85901c89';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function attributeValues(xml: string, attribute: string): string[] {
  return [...xml.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

/** Problems in the manifest text, each a sentence saying what to fix; empty when it is fine. */
export function checkManifest(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');

  const ids = [...body.matchAll(/<Id>\s*([^<]*?)\s*<\/Id>/g)].map((m) => m[1] ?? '');
  if (ids.length !== 1) problems.push(`Expected exactly one <Id>, found ${ids.length}.`);
  const id = ids[0] ?? '';
  if (!GUID.test(id)) problems.push(`<Id> "${id}" is not a valid GUID.`);
  else if (id.toLowerCase() !== ADDIN_ID) {
    problems.push(`<Id> changed to "${id}"; keep ${ADDIN_ID} or Office will treat the add-in as a different one.`);
  }

  const declared = new Map<string, number>();
  for (const m of body.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)) {
    const rid = m[1] ?? '';
    declared.set(rid, (declared.get(rid) ?? 0) + 1);
  }
  for (const [rid, count] of declared) {
    if (count > 1) problems.push(`Resource id "${rid}" is declared ${count} times; ids must be unique.`);
    if (rid.length > 32) problems.push(`Resource id "${rid}" is longer than 32 characters, which Office rejects.`);
  }
  const referenced = new Set(attributeValues(body, 'resid'));
  for (const rid of referenced) {
    if (!declared.has(rid)) problems.push(`resid "${rid}" is used but not declared under <Resources>.`);
  }
  for (const rid of declared.keys()) {
    if (!referenced.has(rid)) problems.push(`Resource "${rid}" is declared but never used; remove it.`);
  }

  const urls = [
    ...attributeValues(body, 'DefaultValue').filter((v) => /^[a-z]+:\/\//i.test(v)),
    ...attributeValues(body, 'Value').filter((v) => /^[a-z]+:\/\//i.test(v)),
    ...[...body.matchAll(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g)].map((m) => m[1] ?? ''),
  ];
  for (const url of urls) {
    if (!url.startsWith('https://')) problems.push(`URL "${url}" must use https; Office refuses other schemes.`);
  }

  const source = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(body)?.[1];
  if (!source) problems.push('<DefaultSettings> has no <SourceLocation>.');
  return problems;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = process.argv[2] ?? 'manifest.xml';
  let problems: string[];
  try {
    problems = checkManifest(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    process.exit(3);
  }
  for (const p of problems) console.error(`${file}: ${p}`);
  if (problems.length === 0) console.log(`${file}: ok`);
  process.exit(problems.length === 0 ? 0 : 1);
}
