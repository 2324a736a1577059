/**
 * What jsdom lacks and Fluent UI calls: jsdom does no layout, so observers of size never fire.
 * Imported by component tests only.
 */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

const target = globalThis as unknown as Record<string, unknown>;
target.ResizeObserver ??= NoLayoutResizeObserver;
