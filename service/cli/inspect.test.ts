/** `demo-data inspect` through the real binary. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/fixtures/run-cli.ts';

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}.xlsx`, import.meta.url));

// Spawned processes compete with the rest of the suite for two cores; give them room.
describe.concurrent('demo-data inspect', { timeout: 120_000 }, () => {
  it('summarises counts, events by category, funnels and targets', async () => {
    const { code, stdout, stderr } = await runCli(['inspect', example('ecommerce')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ShopNest \(ecommerce; ios, android, web\)$/m);
    expect(stdout).toMatch(/^ {2}Targets +D1 30%, D7 14%, D30 6%, payer rate 11%, DAU\/MAU 18%$/m);
    expect(stdout).toMatch(/^ {2}Target DAU +8,000$/m);
    expect(stdout).toMatch(/^Events \(21\) by category$/m);
    expect(stdout).toMatch(/^ {2}purchase +7: add_to_cart, remove_from_cart, cart_view, checkout_start, payment_complete, payment_fail, order_cancel$/m);
    expect(stdout).toMatch(/^ {2}event +40 \(3 object children\)$/m);
    expect(stdout).toMatch(/^ {2}user +10 \(set_once 3, set 3, add 2, uniq_append 1, append 1\)$/m);
    expect(stdout).toMatch(/^ {2}purchase: product_view → add_to_cart → checkout_start → payment_complete \(within 48 h; step targets 22%, 55%, 70%\)$/m);
    expect(stdout).toMatch(/No issues\.\n$/);
  });

  it('prints the parsed taxonomy as JSON with --json', async () => {
    const { code, stdout } = await runCli(['inspect', '--json', example('mobile-game')]);
    expect(code).toBe(0);
    const taxonomy = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(taxonomy)).toEqual(['product', 'events', 'eventProperties', 'commonProperties', 'userProperties', 'funnels']);
    expect(taxonomy.product).toMatchObject({ name: 'Idle Legends', language: 'ko', targetDau: 5000 });
    expect(taxonomy.events).toHaveLength(28);
  });

  it('reports an unreadable file in one line with exit code 3', async () => {
    const { code, stdout, stderr } = await runCli(['inspect', fileURLToPath(new URL('./inspect.ts', import.meta.url))]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^demo-data inspect: 'inspect\.ts' is a text file \(CSV or similar\), not an Excel workbook\. .*\n$/);
  });
});
