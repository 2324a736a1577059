import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../../taxonomy/model.ts';
import {
  appVersionOn, CARRIERS, channelsFor, COUNTRIES, countryCodeOf, IP_BLOCKS, ipInCountry, parseCidr, pickCarrier, pickChannel,
  pickCountry, pickDevice, pickIp, pickNetworkType, pickWeighted, pickZone, releaseTrain, sdkFor,
} from './index.ts';
import { Rng } from '../random/prng.ts';

/** The engine's own seeded stream, as a draw function. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

/** Private, shared, loopback, link-local, multicast and reserved space (RFC 6890). */
const NON_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '224.0.0.0/3'];

describe('countries', () => {
  it('covers about twenty markets with valid zones, offsets and currencies', () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(18);
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.currency).toMatch(/^[A-Z]{3}$/);
      expect(c.zones.length).toBeGreaterThan(0);
      for (const z of c.zones) {
        expect(() => new Intl.DateTimeFormat('en', { timeZone: z.zone })).not.toThrow();
        expect(z.offset).toBeGreaterThanOrEqual(-12);
        expect(z.offset).toBeLessThanOrEqual(14);
      }
      expect(CARRIERS[c.code], c.code).toBeDefined();
      expect(IP_BLOCKS[c.code], c.code).toBeDefined();
    }
  });

  it('weights the global mix toward Korea, Japan and the US', () => {
    const g = rng(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const c = pickCountry(g).code;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.get('KR')!).toBeGreaterThan(counts.get('ES')! * 3);
    expect(counts.get('US')!).toBeGreaterThan(counts.get('AU')! * 3);
  });

  it('reads country names users type', () => {
    expect(countryCodeOf('kr')).toBe('KR');
    expect(countryCodeOf('Japan')).toBe('JP');
    expect(countryCodeOf('한국')).toBe('KR');
    expect(countryCodeOf('Atlantis')).toBeUndefined();
  });

  it('spreads the US across its zones', () => {
    const us = COUNTRIES.find((c) => c.code === 'US')!;
    const g = rng(2);
    const zones = new Set(Array.from({ length: 300 }, () => pickZone(us, g).zone));
    expect(zones.size).toBe(4);
  });
});

describe('IP ranges', () => {
  it('never uses private or reserved space', () => {
    const reserved = NON_PUBLIC.map(parseCidr);
    for (const [country, blocks] of Object.entries(IP_BLOCKS)) {
      for (const block of blocks.map(parseCidr)) {
        for (const r of reserved) {
          const overlaps = block.base < r.base + r.size && r.base < block.base + block.size;
          expect(overlaps, `${country} ${JSON.stringify(block)}`).toBe(false);
        }
      }
    }
  });

  it('does not give two countries the same addresses', () => {
    const all = Object.entries(IP_BLOCKS).flatMap(([country, blocks]) => blocks.map((b) => ({ country, ...parseCidr(b) })));
    for (const a of all) for (const b of all) {
      if (a !== b) expect(a.base < b.base + b.size && b.base < a.base + a.size, `${a.country}/${b.country}`).toBe(false);
    }
  });

  it('picks host addresses inside the country blocks', () => {
    const g = rng(3);
    for (const c of COUNTRIES) {
      for (let i = 0; i < 50; i++) {
        const ip = pickIp(c.code, g);
        expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(ipInCountry(ip, c.code)).toBe(true);
        expect(ip.endsWith('.0') || ip.endsWith('.255')).toBe(false);
      }
    }
  });

  it('rejects malformed blocks', () => {
    expect(() => parseCidr('1.2.3/8')).toThrow(RangeError);
    expect(() => parseCidr('1.2.3.4/40')).toThrow(RangeError);
  });
});

describe('carriers, networks and SDKs', () => {
  it('keeps carriers consistent with the country', () => {
    const g = rng(4);
    const kr = new Set(Array.from({ length: 200 }, () => pickCarrier('KR', g)));
    expect(kr).toContain('SKTelecom');
    expect(kr).toContain('KT');
    expect(kr).toContain('LG U+');
    expect(pickCarrier('ZZ', g)).toBe('Unknown');
  });

  it('reports network types only for mobile clients', () => {
    const g = rng(5);
    expect(pickNetworkType('web', 'KR', g)).toBeUndefined();
    expect(['WIFI', '5G', '4G', '3G', 'NULL']).toContain(pickNetworkType('ios', 'KR', g));
    for (const p of PLATFORMS) expect(sdkFor(p).lib.length).toBeGreaterThan(0);
  });
});

describe('devices', () => {
  it('gives each platform a coherent profile', () => {
    const g = rng(6);
    for (const platform of PLATFORMS) {
      for (let i = 0; i < 100; i++) {
        const d = pickDevice(platform, 'KR', g);
        expect(d.platform).toBe(platform);
        expect(d.screenWidth).toBeGreaterThan(0);
        expect(d.screenHeight).toBeGreaterThan(0);
        if (platform === 'ios') {
          expect(d.os).toBe('iOS');
          expect(d.model).toMatch(/^iP(hone|ad)\d+,\d+$/);
        }
        if (platform === 'web') expect(d.ua).toContain(d.browserVersion!);
      }
    }
  });

  it('sells regional models only where they are sold', () => {
    const g = rng(7);
    const us = Array.from({ length: 400 }, () => pickDevice('android', 'US', g).model);
    expect(us.some((m) => m.endsWith('N') && m.startsWith('SM-'))).toBe(false);
    expect(us).not.toContain('ALN-AL00');
    const cn = Array.from({ length: 400 }, () => pickDevice('android', 'CN', g).manufacturer);
    expect(cn).toContain('HUAWEI');
  });
});

describe('app versions', () => {
  const releases = [
    { version: '2.3.0', day: -20, rolloutDays: 7 },
    { version: '2.4.0', day: 10, rolloutDays: 10 },
  ];

  it('rolls a release out over its rollout window, early adopters first', () => {
    expect(appVersionOn(releases, 9, 0)).toBe('2.3.0');
    expect(appVersionOn(releases, 10, 0)).toBe('2.4.0');
    expect(appVersionOn(releases, 14, 0.9)).toBe('2.3.0');
    expect(appVersionOn(releases, 19, 0.9)).toBe('2.4.0');
    expect(appVersionOn(releases, -100, 0.5)).toBe('2.3.0');
  });

  it('never downgrades a device as days pass', () => {
    const train = releaseTrain(60);
    for (const lag of [0, 0.3, 0.99]) {
      let prev = '';
      for (let day = 0; day < 60; day++) {
        const v = appVersionOn(train, day, lag);
        expect(v.localeCompare(prev, 'en', { numeric: true })).toBeGreaterThanOrEqual(0);
        prev = v;
      }
    }
  });
});

describe('channels and picking', () => {
  it('offers local channels only in their markets', () => {
    expect(channelsFor(['KR']).map((c) => c.name)).toContain('naver');
    expect(channelsFor(['US']).map((c) => c.name)).not.toContain('naver');
    expect(channelsFor(['CN']).map((c) => c.name)).not.toContain('google_ads');
    const utm = pickChannel(channelsFor(['US']), rng(8));
    expect(typeof utm.utmSource).toBe('string');
  });

  it('picks by weight deterministically and ignores zero weights', () => {
    const items = [{ v: 'a', w: 0 }, { v: 'b', w: 1 }, { v: 'c', w: 3 }];
    const pick = (seed: number) => {
      const g = rng(seed);
      return Array.from({ length: 400 }, () => pickWeighted(items, (i) => i.w, g).v);
    };
    const a = pick(9);
    expect(a).toEqual(pick(9));
    expect(a).not.toContain('a');
    expect(a.filter((x) => x === 'c').length).toBeGreaterThan(a.filter((x) => x === 'b').length * 2);
  });
});
