/** One simulated user: fixed traits drawn at creation, and the state their events change. */
import type { DeviceProfile } from '../presets/index.ts';
import type { Rng } from '../random/prng.ts';
import type { Value } from './values.ts';

export interface SimUser {
  readonly index: number;
  readonly installDay: number;
  readonly segment: number;
  /** Draws for planning (activity, sessions, events): identical whether or not records are written. */
  readonly rng: Rng;
  /** Draws for property values and ids while writing. */
  readonly valueRng: Rng;
  readonly country: number;
  readonly platform: number;
  readonly device: DeviceProfile;
  readonly systemLanguage: string;
  readonly channel: number;
  readonly distinctId: string;
  /** Local wall-clock ms of the install (first session start); set when the install day is planned. */
  installLocalMs: number;
  /**
   * How late this user adopts each release within its roll-out, as the bits of a draw in [0, 1)
   * (see upgradeLagOf). Numbers that are not 32-bit signed integers are boxed on the heap, one
   * more object per user each, so these two fields hold signed integers.
   */
  readonly upgradeLagBits: number;
  /** `#ip` as its 32 bits, signed (written as dotted digits). */
  readonly ip: number;
  readonly carrier: string;
  readonly network: string | undefined;
  /** Pays when payments come up at random; a funnel's fated payment makes a user a payer too. */
  payer: boolean;
  readonly names: Readonly<TraitNames>;

  // State advanced while planning days (in time order).
  stage: number;
  registered: boolean;
  churned: boolean;
  sessions: number;
  /**
   * Bits of the gating events done (see `CompiledEvent.gate`), 31 to a number so they stay small
   * integers: the first 31 here, any further ones in `moreGates` (made when first needed).
   */
  gates: number;
  moreGates: number[] | null;

  // State advanced while emitting records (also in time order, after planning that day).
  emitRegistered: boolean;
  emittedAny: boolean;
  props: Record<string, Value>;
  /** Values kept for `copy`: per remembered event (slot), the copied properties' last values. */
  remembered: (Value | undefined)[][] | null;
  /** Per-user counters (`counter` generators), made on first use. */
  counters: number[] | null;
  faker: readonly string[];
  idSeq: number;
  /** Id of the user's preset set in `CompiledModel.presetBases`, or -1 before the first record. */
  presetBase: number;
  /** Position among the users of the shard simulating this user (columns of its insights). */
  slot: number;
}

/** 0..1: how late the user adopts each release within its roll-out. */
export function upgradeLagOf(user: Pick<SimUser, 'upgradeLagBits'>): number {
  return (user.upgradeLagBits >>> 0) / 4294967296;
}

/** The `#account_id` a user gets on registering (derived, so users do not carry one more string). */
export function accountIdOf(user: Pick<SimUser, 'index'>): string {
  return String(user.index + 100_000);
}

/** Whether the user has done the gating event with slot `gate` (events that gate nothing have no slot). */
export function hasDone(user: SimUser, gate: number): boolean {
  if (gate < 31) return (user.gates & (1 << gate)) !== 0;
  const word = user.moreGates?.[((gate / 31) | 0) - 1] ?? 0;
  return (word & (1 << gate % 31)) !== 0;
}

export function markDone(user: SimUser, gate: number): void {
  if (gate < 31) {
    user.gates |= 1 << gate;
    return;
  }
  const more = (user.moreGates ??= []);
  const i = ((gate / 31) | 0) - 1;
  more[i] = (more[i] ?? 0) | (1 << gate % 31);
}

/** Trait values as strings, resolved from the model's tables when the user is created (shared between users). */
export interface TraitNames {
  segment: string;
  country: string;
  time_zone: string;
  locale: string;
  platform: string;
  channel: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
}

export function traitValue(user: SimUser, trait: string): Value {
  switch (trait) {
    case 'os_version':
      return user.device.osVersion;
    case 'account_id':
      return accountIdOf(user);
    case 'distinct_id':
      return user.distinctId;
    case 'user_index':
      return user.index;
    case 'install_time': {
      const iso = new Date(user.installLocalMs).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
    }
    case 'app_version':
      return null;
    case 'device_model':
      return user.device.model;
    default:
      return (user.names as unknown as Record<string, string>)[trait] ?? null;
  }
}
