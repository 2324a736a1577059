/**
 * Faker, the last resort for free text: loaded only when rules ask for it, and called only when a
 * user is created (seeding costs ~40 µs), never per event.
 *
 * The method names are the rules format's (the schema lists them and AI output uses them), so
 * they stay fixed while faker's own move, and each is drawn the way a real user's value looks:
 * - `internet.userName` is a nickname. Faker renamed its `userName` to `username`, and its
 *   usernames transliterate Korean, Japanese or Thai names into strings like "3d53fp3i43d3"; a
 *   display name ("건호57", "Alden57") is what such a user would pick.
 * - `internet.email` of a user whose locale writes names in another script takes its local part
 *   from Latin names, as real addresses do, and its domain from the locale (naver.com, …).
 */
import type { FakerDraw } from './create-user.ts';

interface Faker {
  seed(n: number): void;
  person: { firstName(): string; lastName(): string };
  internet: { email(o?: { firstName?: string; lastName?: string }): string; displayName(): string };
  [ns: string]: unknown;
}

const LATIN_NAME = /^[\p{Script=Latin}\s.'-]+$/u;

export async function loadFaker(): Promise<FakerDraw> {
  const { allFakers } = await import('@faker-js/faker');
  const fakers = allFakers as unknown as Record<string, Faker>;
  const latin = fakers.en!;
  const writesLatin = new Map<Faker, boolean>();
  const latinNames = (f: Faker) => {
    let yes = writesLatin.get(f);
    if (yes === undefined) {
      yes = LATIN_NAME.test(f.person.firstName()) && LATIN_NAME.test(f.person.lastName());
      writesLatin.set(f, yes);
    }
    return yes;
  };
  return (locale, seed, methods) => {
    const f = fakers[locale] ?? fakers[locale.split('_')[0] ?? ''] ?? latin;
    // Asked before seeding: the probe's draws must not shift the user's values.
    const nativeLatin = latinNames(f);
    f.seed(seed);
    return methods.map((m) => {
      if (m === 'internet.userName') return f.internet.displayName();
      if (m === 'internet.email' && !nativeLatin) {
        latin.seed(seed);
        return f.internet.email({ firstName: latin.person.firstName(), lastName: latin.person.lastName() });
      }
      const [ns, fn] = m.split('.') as [string, string];
      const space = f[ns] as Record<string, unknown> | undefined;
      const call = space?.[fn];
      if (typeof call !== 'function') throw new Error(`internal: faker has no ${m}; map it in faker.ts`);
      return String((call as () => unknown).call(space));
    });
  };
}
