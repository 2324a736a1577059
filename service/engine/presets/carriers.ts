/** Mobile carriers per country with rough subscriber shares, as `#carrier` reports them. */
import { pickShare, type Rng } from './pick.ts';

type Shares = readonly { value: string; share: number }[];
const s = (...pairs: [string, number][]): Shares => pairs.map(([value, share]) => ({ value, share }));

export const CARRIERS: Readonly<Record<string, Shares>> = {
  KR: s(['SKTelecom', 0.4], ['KT', 0.24], ['LG U+', 0.2], ['KT MVNO', 0.08], ['SK MVNO', 0.08]),
  JP: s(['NTT DOCOMO', 0.36], ['au', 0.27], ['SoftBank', 0.21], ['Rakuten Mobile', 0.06], ['Y!mobile', 0.1]),
  US: s(['Verizon', 0.35], ['T-Mobile', 0.33], ['AT&T', 0.3], ['US Cellular', 0.02]),
  CN: s(['中国移动', 0.6], ['中国电信', 0.21], ['中国联通', 0.19]),
  TW: s(['中華電信', 0.38], ['台灣大哥大', 0.3], ['遠傳電信', 0.3], ['亞太電信', 0.02]),
  HK: s(['csl', 0.3], ['3', 0.22], ['China Mobile HK', 0.28], ['SmarTone', 0.2]),
  SG: s(['Singtel', 0.48], ['StarHub', 0.26], ['M1', 0.22], ['SIMBA', 0.04]),
  TH: s(['AIS', 0.46], ['TRUE-H', 0.5], ['NT Mobile', 0.04]),
  VN: s(['Viettel', 0.54], ['Vinaphone', 0.25], ['MobiFone', 0.21]),
  ID: s(['Telkomsel', 0.5], ['Indosat Ooredoo', 0.3], ['XL Axiata', 0.2]),
  PH: s(['Smart', 0.48], ['Globe', 0.45], ['DITO', 0.07]),
  MY: s(['Maxis', 0.3], ['CelcomDigi', 0.48], ['U Mobile', 0.22]),
  IN: s(['Jio', 0.48], ['Airtel', 0.38], ['Vi', 0.14]),
  AU: s(['Telstra', 0.46], ['Optus', 0.32], ['Vodafone AU', 0.22]),
  CA: s(['Rogers', 0.36], ['Bell', 0.3], ['TELUS', 0.3], ['Freedom', 0.04]),
  GB: s(['EE', 0.34], ['O2 - UK', 0.3], ['Vodafone UK', 0.22], ['3', 0.14]),
  DE: s(['Telekom.de', 0.38], ['Vodafone.de', 0.31], ['o2 - de', 0.31]),
  FR: s(['Orange F', 0.38], ['SFR', 0.26], ['Bouygues Telecom', 0.2], ['Free', 0.16]),
  ES: s(['Movistar', 0.34], ['Vodafone ES', 0.24], ['Orange', 0.3], ['Yoigo', 0.12]),
};

/** A carrier for a device in `country`; countries the presets lack get a neutral value. */
export function pickCarrier(country: string, rng: Rng): string {
  const list = CARRIERS[country.toUpperCase()];
  return list ? pickShare(list, rng) : 'Unknown';
}

export function carriersOf(country: string): readonly string[] {
  return (CARRIERS[country.toUpperCase()] ?? []).map((c) => c.value);
}
