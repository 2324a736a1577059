/**
 * Faker, the last resort for free text: loaded only when rules ask for it, and called only when a
 * user is created (seeding costs ~40 µs), never per event.
 */
import type { FakerDraw } from './create-user.ts';

export async function loadFaker(): Promise<FakerDraw> {
  const { allFakers } = await import('@faker-js/faker');
  const fakers = allFakers as unknown as Record<string, { seed(n: number): void } & Record<string, Record<string, () => string>>>;
  return (locale, seed, methods) => {
    const f = fakers[locale] ?? fakers[locale.split('_')[0] ?? ''] ?? fakers.en!;
    f.seed(seed);
    return methods.map((m) => {
      const [ns, fn] = m.split('.') as [string, string];
      const call = f[ns]?.[fn];
      return typeof call === 'function' ? String(call.call(f[ns])) : '';
    });
  };
}
