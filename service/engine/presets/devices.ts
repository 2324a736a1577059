/**
 * Device catalogues per platform: what `#device_model`, `#manufacturer`, `#os`, `#os_version`,
 * `#screen_width`/`#screen_height` and, on the web, `#browser`/`#browser_version`/`#ua` would say.
 * A user gets one device for life, so the simulator picks once and keeps the profile.
 */
import type { Platform } from '../../../taxonomy/model.ts';
import { pickShare, pickWeighted, type Rng } from './pick.ts';

export interface DeviceProfile {
  platform: Platform;
  os: string;
  osVersion: string;
  model: string;
  manufacturer: string;
  /** `#device_type`: iPhone, iPad, Phone, Tablet, Desktop. */
  deviceType: string;
  screenWidth: number;
  screenHeight: number;
  browser?: string;
  browserVersion?: string;
  ua?: string;
}

/** Every field of a device profile, as one key: equal keys, equal devices. */
export function deviceKey(d: DeviceProfile): string {
  return `${d.platform}|${d.os}|${d.osVersion}|${d.model}|${d.manufacturer}|${d.deviceType}|${d.screenWidth}|${d.screenHeight}|${d.browser ?? ''}|${d.browserVersion ?? ''}|${d.ua ?? ''}`;
}

interface MobileModel {
  model: string;
  /** Marketing name, for prompts and reports. */
  name: string;
  manufacturer: string;
  deviceType: 'iPhone' | 'iPad' | 'Phone' | 'Tablet';
  share: number;
  screen: [number, number];
  osVersions: readonly { value: string; share: number }[];
  /** Markets where the model sells far better (share × 4): regional variants, local brands. */
  strongIn?: readonly string[];
  /** Markets it is practically only sold in. */
  onlyIn?: readonly string[];
}

const v = (...pairs: [string, number][]) => pairs.map(([value, share]) => ({ value, share }));
const IOS_RECENT = v(['18.1', 0.35], ['18.0.1', 0.2], ['17.6.1', 0.3], ['17.5.1', 0.15]);
const IOS_OLDER = v(['17.6.1', 0.45], ['16.7.10', 0.35], ['18.1', 0.2]);

export const IOS_MODELS: readonly MobileModel[] = [
  { model: 'iPhone17,1', name: 'iPhone 16 Pro', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.08, screen: [1206, 2622], osVersions: v(['18.1', 0.7], ['18.0.1', 0.3]) },
  { model: 'iPhone17,3', name: 'iPhone 16', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.07, screen: [1179, 2556], osVersions: v(['18.1', 0.7], ['18.0.1', 0.3]) },
  { model: 'iPhone16,2', name: 'iPhone 15 Pro Max', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.1, screen: [1290, 2796], osVersions: IOS_RECENT },
  { model: 'iPhone16,1', name: 'iPhone 15 Pro', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.1, screen: [1179, 2556], osVersions: IOS_RECENT },
  { model: 'iPhone15,4', name: 'iPhone 15', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.11, screen: [1179, 2556], osVersions: IOS_RECENT },
  { model: 'iPhone14,7', name: 'iPhone 14', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.12, screen: [1170, 2532], osVersions: IOS_RECENT },
  { model: 'iPhone14,5', name: 'iPhone 13', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.13, screen: [1170, 2532], osVersions: IOS_OLDER },
  { model: 'iPhone13,2', name: 'iPhone 12', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.09, screen: [1170, 2532], osVersions: IOS_OLDER },
  { model: 'iPhone12,1', name: 'iPhone 11', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.08, screen: [828, 1792], osVersions: IOS_OLDER },
  { model: 'iPhone14,6', name: 'iPhone SE (3rd generation)', manufacturer: 'Apple', deviceType: 'iPhone', share: 0.04, screen: [750, 1334], osVersions: IOS_OLDER },
  { model: 'iPad13,18', name: 'iPad (10th generation)', manufacturer: 'Apple', deviceType: 'iPad', share: 0.05, screen: [1640, 2360], osVersions: IOS_RECENT },
  { model: 'iPad14,3', name: 'iPad Pro 11-inch (4th generation)', manufacturer: 'Apple', deviceType: 'iPad', share: 0.03, screen: [1668, 2388], osVersions: IOS_RECENT },
];

const ANDROID_NEW = v(['14', 0.55], ['15', 0.25], ['13', 0.2]);
const ANDROID_MID = v(['14', 0.45], ['13', 0.35], ['12', 0.2]);
const ANDROID_OLD = v(['13', 0.4], ['12', 0.35], ['11', 0.25]);

export const ANDROID_MODELS: readonly MobileModel[] = [
  { model: 'SM-S928N', name: 'Galaxy S24 Ultra', manufacturer: 'samsung', deviceType: 'Phone', share: 0.06, screen: [1440, 3120], osVersions: ANDROID_NEW, onlyIn: ['KR'] },
  { model: 'SM-S921N', name: 'Galaxy S24', manufacturer: 'samsung', deviceType: 'Phone', share: 0.06, screen: [1080, 2340], osVersions: ANDROID_NEW, onlyIn: ['KR'] },
  { model: 'SM-F731N', name: 'Galaxy Z Flip5', manufacturer: 'samsung', deviceType: 'Phone', share: 0.05, screen: [1080, 2640], osVersions: ANDROID_NEW, onlyIn: ['KR'] },
  { model: 'SM-A536N', name: 'Galaxy A53 5G', manufacturer: 'samsung', deviceType: 'Phone', share: 0.05, screen: [1080, 2400], osVersions: ANDROID_MID, onlyIn: ['KR'] },
  { model: 'SM-S928B', name: 'Galaxy S24 Ultra', manufacturer: 'samsung', deviceType: 'Phone', share: 0.05, screen: [1440, 3120], osVersions: ANDROID_NEW },
  { model: 'SM-S911B', name: 'Galaxy S23', manufacturer: 'samsung', deviceType: 'Phone', share: 0.06, screen: [1080, 2340], osVersions: ANDROID_NEW },
  { model: 'SM-A546B', name: 'Galaxy A54 5G', manufacturer: 'samsung', deviceType: 'Phone', share: 0.08, screen: [1080, 2340], osVersions: ANDROID_MID },
  { model: 'SM-A155F', name: 'Galaxy A15', manufacturer: 'samsung', deviceType: 'Phone', share: 0.06, screen: [1080, 2340], osVersions: ANDROID_MID, strongIn: ['IN', 'ID', 'VN', 'PH', 'TH', 'MY'] },
  { model: 'SM-X710', name: 'Galaxy Tab S9', manufacturer: 'samsung', deviceType: 'Tablet', share: 0.02, screen: [1600, 2560], osVersions: ANDROID_NEW },
  { model: 'Pixel 8', name: 'Pixel 8', manufacturer: 'Google', deviceType: 'Phone', share: 0.04, screen: [1080, 2400], osVersions: v(['15', 0.6], ['14', 0.4]), strongIn: ['US', 'JP', 'GB', 'CA', 'AU'] },
  { model: 'Pixel 7a', name: 'Pixel 7a', manufacturer: 'Google', deviceType: 'Phone', share: 0.03, screen: [1080, 2400], osVersions: v(['15', 0.5], ['14', 0.5]), strongIn: ['US', 'JP', 'GB'] },
  { model: '23090RA98G', name: 'Redmi Note 13 Pro', manufacturer: 'Xiaomi', deviceType: 'Phone', share: 0.06, screen: [1220, 2712], osVersions: ANDROID_MID, strongIn: ['IN', 'ID', 'VN', 'PH', 'TH', 'MY', 'ES', 'FR', 'DE'] },
  { model: '2201116SG', name: 'Redmi Note 11 Pro', manufacturer: 'Xiaomi', deviceType: 'Phone', share: 0.04, screen: [1080, 2400], osVersions: ANDROID_OLD, strongIn: ['IN', 'ID', 'VN', 'PH'] },
  { model: '23127PN0CC', name: 'Xiaomi 14', manufacturer: 'Xiaomi', deviceType: 'Phone', share: 0.08, screen: [1200, 2670], osVersions: ANDROID_NEW, onlyIn: ['CN'] },
  { model: 'ALN-AL00', name: 'HUAWEI Mate 60 Pro', manufacturer: 'HUAWEI', deviceType: 'Phone', share: 0.1, screen: [1260, 2720], osVersions: v(['12', 1]), onlyIn: ['CN'] },
  { model: 'PJZ110', name: 'OPPO Find X7', manufacturer: 'OPPO', deviceType: 'Phone', share: 0.06, screen: [1264, 2780], osVersions: ANDROID_NEW, onlyIn: ['CN'] },
  { model: 'V2309A', name: 'vivo X100', manufacturer: 'vivo', deviceType: 'Phone', share: 0.06, screen: [1260, 2800], osVersions: ANDROID_NEW, onlyIn: ['CN'] },
  { model: 'CPH2581', name: 'OPPO Reno11 F', manufacturer: 'OPPO', deviceType: 'Phone', share: 0.04, screen: [1080, 2412], osVersions: ANDROID_MID, strongIn: ['ID', 'VN', 'PH', 'TH', 'MY', 'IN'] },
  { model: 'V2318', name: 'vivo Y17s', manufacturer: 'vivo', deviceType: 'Phone', share: 0.03, screen: [720, 1612], osVersions: ANDROID_OLD, strongIn: ['ID', 'IN', 'VN', 'PH', 'TH'] },
  { model: 'SO-51D', name: 'Xperia 1 V', manufacturer: 'Sony', deviceType: 'Phone', share: 0.04, screen: [1644, 3840], osVersions: ANDROID_NEW, onlyIn: ['JP'] },
  { model: 'A302SH', name: 'AQUOS sense8', manufacturer: 'SHARP', deviceType: 'Phone', share: 0.04, screen: [1080, 2432], osVersions: ANDROID_MID, onlyIn: ['JP'] },
  { model: 'ASUS_AI2401', name: 'ROG Phone 8', manufacturer: 'asus', deviceType: 'Phone', share: 0.01, screen: [1080, 2400], osVersions: ANDROID_NEW, strongIn: ['TW'] },
];

function modelWeight(m: MobileModel, country: string): number {
  if (m.onlyIn && !m.onlyIn.includes(country)) return 0;
  return m.share * (m.strongIn?.includes(country) || m.onlyIn ? 4 : 1);
}

function mobileProfile(platform: 'ios' | 'android', models: readonly MobileModel[], country: string, rng: Rng): DeviceProfile {
  const m = pickWeighted(models, (x) => modelWeight(x, country), rng);
  return {
    platform,
    os: platform === 'ios' ? 'iOS' : 'Android',
    osVersion: pickShare(m.osVersions, rng),
    model: m.model,
    manufacturer: m.manufacturer,
    deviceType: m.deviceType,
    screenWidth: m.screen[0],
    screenHeight: m.screen[1],
  };
}

interface BrowserPreset {
  browser: string;
  versions: readonly string[];
  os: string;
  osVersion: string;
  share: number;
  screen: [number, number];
  ua: (version: string) => string;
}

const WIN = 'Windows NT 10.0; Win64; x64';
const MAC = 'Macintosh; Intel Mac OS X 10_15_7';
const WEBKIT = 'AppleWebKit/537.36 (KHTML, like Gecko)';

export const BROWSERS: readonly BrowserPreset[] = [
  { browser: 'Chrome', versions: ['131.0.0.0', '130.0.0.0', '129.0.0.0'], os: 'Windows', osVersion: '10', share: 0.38, screen: [1920, 1080], ua: (ver) => `Mozilla/5.0 (${WIN}) ${WEBKIT} Chrome/${ver} Safari/537.36` },
  { browser: 'Chrome', versions: ['131.0.0.0', '130.0.0.0'], os: 'Mac OS X', osVersion: '10.15.7', share: 0.12, screen: [1440, 900], ua: (ver) => `Mozilla/5.0 (${MAC}) ${WEBKIT} Chrome/${ver} Safari/537.36` },
  { browser: 'Safari', versions: ['18.1', '17.6'], os: 'Mac OS X', osVersion: '10.15.7', share: 0.1, screen: [1512, 982], ua: (ver) => `Mozilla/5.0 (${MAC}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ver} Safari/605.1.15` },
  { browser: 'Edge', versions: ['131.0.0.0', '130.0.0.0'], os: 'Windows', osVersion: '10', share: 0.12, screen: [1920, 1080], ua: (ver) => `Mozilla/5.0 (${WIN}) ${WEBKIT} Chrome/${ver} Safari/537.36 Edg/${ver}` },
  { browser: 'Firefox', versions: ['132.0', '131.0'], os: 'Windows', osVersion: '10', share: 0.05, screen: [1920, 1080], ua: (ver) => `Mozilla/5.0 (${WIN}; rv:${ver}) Gecko/20100101 Firefox/${ver}` },
  { browser: 'Safari', versions: ['18.1', '17.6'], os: 'iOS', osVersion: '18.1', share: 0.13, screen: [390, 844], ua: (ver) => `Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ver} Mobile/15E148 Safari/604.1` },
  { browser: 'Chrome', versions: ['131.0.6778.81', '130.0.6723.102'], os: 'Android', osVersion: '14', share: 0.08, screen: [412, 915], ua: (ver) => `Mozilla/5.0 (Linux; Android 10; K) ${WEBKIT} Chrome/${ver} Mobile Safari/537.36` },
  { browser: 'Samsung Internet', versions: ['26.0', '25.0'], os: 'Android', osVersion: '14', share: 0.02, screen: [384, 832], ua: (ver) => `Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S911B) ${WEBKIT} SamsungBrowser/${ver} Chrome/122.0.0.0 Mobile Safari/537.36` },
];

function webProfile(rng: Rng): DeviceProfile {
  const b = pickWeighted(BROWSERS, (x) => x.share, rng);
  const version = b.versions[Math.min(b.versions.length - 1, Math.floor(rng() * b.versions.length))]!;
  const mobile = b.os === 'iOS' || b.os === 'Android';
  return {
    platform: 'web',
    os: b.os,
    osVersion: b.osVersion,
    model: mobile ? (b.os === 'iOS' ? 'iPhone' : 'Android') : 'PC',
    manufacturer: b.os === 'iOS' || b.os === 'Mac OS X' ? 'Apple' : '',
    deviceType: mobile ? 'Phone' : 'Desktop',
    screenWidth: b.screen[0],
    screenHeight: b.screen[1],
    browser: b.browser,
    browserVersion: version,
    ua: b.ua(version),
  };
}

const PCS = [
  { os: 'Windows', osVersion: '10', manufacturer: 'Dell', model: 'Inspiron 15', share: 0.16, screen: [1920, 1080] },
  { os: 'Windows', osVersion: '11', manufacturer: 'LENOVO', model: 'Legion 5', share: 0.2, screen: [2560, 1440] },
  { os: 'Windows', osVersion: '11', manufacturer: 'ASUS', model: 'ROG Strix G16', share: 0.16, screen: [2560, 1600] },
  { os: 'Windows', osVersion: '11', manufacturer: 'HP', model: 'OMEN 16', share: 0.14, screen: [1920, 1080] },
  { os: 'Windows', osVersion: '11', manufacturer: 'Samsung', model: 'Galaxy Book4', share: 0.08, screen: [1920, 1080], strongIn: ['KR'] },
  { os: 'Windows', osVersion: '10', manufacturer: 'Custom', model: 'Desktop', share: 0.14, screen: [1920, 1080] },
  { os: 'Mac OS X', osVersion: '14.6.1', manufacturer: 'Apple', model: 'MacBookPro18,3', share: 0.08, screen: [3024, 1964] },
  { os: 'Mac OS X', osVersion: '15.1', manufacturer: 'Apple', model: 'Mac15,12', share: 0.04, screen: [2560, 1664] },
] as const;

function pcProfile(country: string, rng: Rng): DeviceProfile {
  const p = pickWeighted(PCS, (x) => x.share * ('strongIn' in x && (x.strongIn as readonly string[]).includes(country) ? 4 : 1), rng);
  return { platform: 'pc', os: p.os, osVersion: p.osVersion, model: p.model, manufacturer: p.manufacturer, deviceType: 'Desktop', screenWidth: p.screen[0], screenHeight: p.screen[1] };
}

/** One device for a user on `platform` in `country`; mini programs run inside a phone's host app. */
export function pickDevice(platform: Platform, country: string, rng: Rng): DeviceProfile {
  const cc = country.toUpperCase();
  switch (platform) {
    case 'ios':
      return mobileProfile('ios', IOS_MODELS, cc, rng);
    case 'android':
      return mobileProfile('android', ANDROID_MODELS, cc, rng);
    case 'web':
      return webProfile(rng);
    case 'pc':
      return pcProfile(cc, rng);
    case 'mini_program': {
      const host = rng() < 0.3 ? mobileProfile('ios', IOS_MODELS, cc, rng) : mobileProfile('android', ANDROID_MODELS, cc, rng);
      return { ...host, platform: 'mini_program' };
    }
  }
}
