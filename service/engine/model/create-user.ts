/** A new user: traits drawn once from the user's own stream, so they never depend on sharding. */
import { deviceKey, pickCarrier, pickDevice, pickIpNumber, pickNetworkType, pickShare, countryPreset, pickSystemLanguage, type DeviceProfile } from '../presets/index.ts';
import { Rng, STREAM } from '../random/prng.ts';
import type { CompiledModel } from './compile.ts';
import type { SimUser } from './user-state.ts';

/** Draws faker values for a user; loaded only when the rules ask for faker. */
export type FakerDraw = (locale: string, seed: number, methods: readonly string[]) => string[];

const NO_FAKER: readonly string[] = [];
const HEX_DIGITS = '0123456789abcdef';

/**
 * `n` hex digits as one flat string: building it by concatenation would leave a chain of string
 * pieces per user alive for the whole run.
 */
function hex(rng: Rng, n: number): string {
  const codes: number[] = [];
  let word = 0;
  for (let i = 0; i < n; i++) {
    if (i % 8 === 0) word = rng.u32();
    codes.push(HEX_DIGITS.charCodeAt((word >>> (28 - (i % 8) * 4)) & 15));
  }
  return String.fromCharCode(...codes);
}

function deviceFrom(model: CompiledModel, platformIdx: number, country: string, traits: Rng): DeviceProfile {
  const platform = model.platforms[platformIdx]!;
  const own = model.devices[platformIdx]!;
  const rng = () => traits.next();
  if (own.length === 0) return pickDevice(platform, country, rng);
  const d = pickShare(own.map((x) => ({ value: x, share: x.share })), rng);
  const [w, h] = (d.screen ?? '1080x2340').split('x').map(Number);
  return {
    platform,
    os: platform === 'ios' ? 'iOS' : platform === 'android' ? 'Android' : platform === 'web' ? 'Windows' : 'Windows',
    osVersion: d.osVersions[traits.int(d.osVersions.length)]!,
    model: d.model,
    manufacturer: d.manufacturer,
    deviceType: platform === 'pc' || platform === 'web' ? 'Desktop' : 'Phone',
    screenWidth: w || 1080,
    screenHeight: h || 2340,
  };
}

/**
 * One shared object per distinct device profile and per distinct set of trait names: users hold
 * references, so a run of a hundred thousand users keeps a few hundred of these, not one each.
 */
function interned<T>(table: Map<string, T>, key: string, value: T): T {
  const found = table.get(key);
  if (found !== undefined) return found;
  table.set(key, value);
  return value;
}

export function createUser(model: CompiledModel, seed: number, index: number, installDay: number, faker: FakerDraw | null): SimUser {
  const traits = new Rng(seed, index, STREAM.traits);
  const segment = model.segmentTable.pick(traits);
  const country = model.countryTable.pick(traits);
  const platform = model.platformTable.pick(traits);
  const c = model.countries[country]!;
  const rng = () => traits.next();
  const drawn = deviceFrom(model, platform, c.code, traits);
  const device = interned(model.deviceProfiles, deviceKey(drawn), drawn);
  const channelIdx = model.channelTable ? model.channelTable.pick(traits) : -1;
  const channel = channelIdx >= 0 ? model.channels[channelIdx] : undefined;
  const preset = countryPreset(c.code);
  const seg = model.segments[segment]!;
  const distinctId = hex(traits, 16);
  const user: SimUser = {
    index,
    installDay,
    segment,
    rng: new Rng(seed, index, STREAM.life),
    valueRng: new Rng(seed, index, STREAM.values),
    country,
    platform,
    device,
    systemLanguage: preset ? pickSystemLanguage(preset, rng) : 'en',
    channel: channelIdx,
    distinctId,
    installLocalMs: 0,
    upgradeLagBits: traits.u32() | 0,
    ip: pickIpNumber(c.code, rng) | 0,
    carrier: device.platform === 'web' || device.platform === 'pc' ? '' : pickCarrier(c.code, rng),
    network: pickNetworkType(model.platforms[platform]!, c.code, rng),
    payer: traits.next() < seg.payer,
    names: interned(model.traitNames, `${segment}|${country}|${platform}|${channelIdx}`, {
      segment: seg.name,
      country: c.code,
      time_zone: c.zone,
      locale: c.locale,
      platform: model.platforms[platform]!,
      channel: channel?.name ?? 'organic',
      utm_source: channel?.utmSource ?? '',
      utm_medium: channel?.utmMedium ?? '',
      utm_campaign: channel?.utmCampaign ?? '',
    }),
    stage: 0,
    registered: false,
    churned: false,
    sessions: 0,
    gates: 0,
    moreGates: null,
    emitRegistered: false,
    emittedAny: false,
    props: {},
    remembered: null,
    counters: null,
    faker: faker && model.fakerMethods.length > 0 ? faker(c.fakerLocale, (seed ^ Math.imul(index, 0x9e3779b1)) >>> 0, model.fakerMethods) : NO_FAKER,
    idSeq: 0,
    presetBase: -1,
    slot: -1,
  };
  return user;
}
