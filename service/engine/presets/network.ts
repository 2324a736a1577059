/** `#network_type` shares and the SDK identity (`#lib`, `#lib_version`) a client would send. */
import type { Platform } from '../../../taxonomy/model.ts';
import { pickShare, type Rng } from './pick.ts';

type Shares = readonly { value: string; share: number }[];
const s = (...pairs: [string, number][]): Shares => pairs.map(([value, share]) => ({ value, share }));

const MOBILE_DEFAULT = s(['WIFI', 0.55], ['4G', 0.3], ['5G', 0.12], ['3G', 0.02], ['NULL', 0.01]);
/** Markets where 5G is already most of the cellular traffic. */
const MOBILE_BY_COUNTRY: Readonly<Record<string, Shares>> = {
  KR: s(['WIFI', 0.45], ['5G', 0.38], ['4G', 0.16], ['NULL', 0.01]),
  CN: s(['WIFI', 0.5], ['5G', 0.3], ['4G', 0.19], ['NULL', 0.01]),
  US: s(['WIFI', 0.55], ['5G', 0.25], ['4G', 0.19], ['NULL', 0.01]),
  JP: s(['WIFI', 0.55], ['5G', 0.15], ['4G', 0.29], ['NULL', 0.01]),
  IN: s(['WIFI', 0.35], ['4G', 0.5], ['5G', 0.1], ['3G', 0.05]),
};

/** Which `#network_type` a mobile session reports; web and pc clients do not send one. */
export function pickNetworkType(platform: Platform, country: string, rng: Rng): string | undefined {
  if (platform === 'web' || platform === 'pc') return undefined;
  return pickShare(MOBILE_BY_COUNTRY[country.toUpperCase()] ?? MOBILE_DEFAULT, rng);
}

export interface SdkIdentity {
  lib: string;
  libVersion: string;
}

export const SDK_BY_PLATFORM: Readonly<Record<Platform, SdkIdentity>> = {
  ios: { lib: 'iOS', libVersion: '3.0.3' },
  android: { lib: 'Android', libVersion: '3.0.2' },
  web: { lib: 'js', libVersion: '2.1.0' },
  pc: { lib: 'Unity', libVersion: '1.9.0' },
  mini_program: { lib: 'MG', libVersion: '3.0.1' },
};

export function sdkFor(platform: Platform): SdkIdentity {
  return SDK_BY_PLATFORM[platform];
}
