/**
 * Public IPv4 blocks per country: large allocations from the regional registries' delegation lists
 * (mostly the national incumbents' and mobile carriers' blocks), so a geo-IP lookup of a generated
 * `#ip` lands in the user's country. Never private, loopback, CGNAT or multicast space.
 */
import { pickUniform, type Rng } from './pick.ts';

export const IP_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  KR: ['121.128.0.0/11', '121.160.0.0/11', '175.192.0.0/10', '118.32.0.0/11', '211.32.0.0/11'],
  JP: ['126.0.0.0/8', '133.0.0.0/8', '27.80.0.0/12'],
  US: ['73.0.0.0/8', '174.192.0.0/10', '107.64.0.0/10'],
  CN: ['117.128.0.0/10', '223.64.0.0/11', '36.96.0.0/11'],
  TW: ['1.160.0.0/12', '36.224.0.0/12', '111.240.0.0/12'],
  HK: ['112.118.0.0/15', '42.2.0.0/15', '218.102.0.0/16'],
  SG: ['116.86.0.0/15', '118.189.0.0/16', '42.60.0.0/15'],
  TH: ['1.0.128.0/17', '49.228.0.0/14', '171.96.0.0/13'],
  VN: ['113.160.0.0/11', '14.160.0.0/11', '171.224.0.0/11'],
  ID: ['36.64.0.0/11', '114.120.0.0/13', '182.0.0.0/12'],
  PH: ['112.198.0.0/16', '49.144.0.0/13', '110.54.0.0/15'],
  MY: ['175.136.0.0/13', '60.48.0.0/13', '115.132.0.0/14'],
  IN: ['49.32.0.0/11', '117.192.0.0/10'],
  AU: ['101.160.0.0/11', '1.120.0.0/13'],
  CA: ['99.224.0.0/11', '70.48.0.0/13'],
  GB: ['86.128.0.0/10', '81.96.0.0/12'],
  DE: ['84.128.0.0/10', '91.0.0.0/10', '79.192.0.0/10'],
  FR: ['90.0.0.0/9', '78.192.0.0/10', '82.64.0.0/14'],
  ES: ['83.32.0.0/11', '88.0.0.0/11'],
};

/** Used when a country has no blocks here: Cloudflare's public resolver block, not a residence. */
const FALLBACK = ['104.16.0.0/13'];

export interface Cidr {
  base: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/');
  const prefix = Number(bits);
  const parts = (ip ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255) || !Number.isInteger(prefix) || prefix < 1 || prefix > 32) {
    throw new RangeError(`not an IPv4 CIDR block: ${cidr}`);
  }
  const base = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), size };
}

export function formatIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

const parsed = new Map<string, Cidr[]>();

function blocksOf(country: string): Cidr[] {
  const key = country.toUpperCase();
  let blocks = parsed.get(key);
  if (!blocks) {
    blocks = (IP_BLOCKS[key] ?? FALLBACK).map(parseCidr);
    parsed.set(key, blocks);
  }
  return blocks;
}

/** A host address (never .0 or .255) inside one of the country's blocks. */
export function pickIp(country: string, rng: Rng): string {
  return formatIp(pickIpNumber(country, rng));
}

/** `pickIp` as the address's 32-bit number, for callers that write it themselves. */
export function pickIpNumber(country: string, rng: Rng): number {
  const block = pickUniform(blocksOf(country), rng);
  const offset = Math.floor(rng() * block.size);
  let n = block.base + offset;
  const last = n & 255;
  if (last === 0) n += 1;
  else if (last === 255) n -= 1;
  return n >>> 0;
}

export function ipInCountry(ip: string, country: string): boolean {
  const n = parseCidr(`${ip}/32`).base;
  return blocksOf(country).some((b) => n >= b.base && n < b.base + b.size);
}
