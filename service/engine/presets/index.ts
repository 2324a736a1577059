/** Preset data the simulator draws from; every `pick…` takes the caller's PRNG. */
export { pickShare, pickUniform, pickWeighted, type Rng } from './pick.ts';
export { COUNTRIES, countryCodeOf, countryPreset, pickCountry, pickSystemLanguage, pickZone, zoneOffset, type CountryPreset, type ZoneShare } from './countries.ts';
export { CARRIERS, carriersOf, pickCarrier } from './carriers.ts';
export { formatIp, IP_BLOCKS, ipInCountry, parseCidr, pickIp, pickIpNumber } from './ip-ranges.ts';
export { ANDROID_MODELS, BROWSERS, deviceKey, IOS_MODELS, pickDevice, type DeviceProfile } from './devices.ts';
export { pickNetworkType, SDK_BY_PLATFORM, sdkFor, type SdkIdentity } from './network.ts';
export { appVersionOn, releaseIndexOn, releaseTrain, type Release } from './app-versions.ts';
export { CHANNELS, channelsFor, pickChannel, type ChannelPreset, type UtmValues } from './channels.ts';
