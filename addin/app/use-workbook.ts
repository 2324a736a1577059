/**
 * The workbook's taxonomy, kept current: read once, then again shortly after the user stops editing
 * (the gateway never reports the pane's own writes, so inserting rows does not loop).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbookGateway } from '../workbook/gateway.ts';
import { readTaxonomy, type WorkbookSnapshot } from '../workbook/taxonomy-sheets.ts';
import { errorText } from './services.ts';

export interface WorkbookState {
  snapshot: WorkbookSnapshot | null;
  error: string | null;
  refresh(): Promise<WorkbookSnapshot | null>;
}

export const EDIT_DEBOUNCE_MS = 400;

export function useWorkbook(gateway: WorkbookGateway, debounceMs = EDIT_DEBOUNCE_MS): WorkbookState {
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const next = await readTaxonomy(gateway);
      // A slower, older read must not replace a newer one.
      if (mine === generation.current) {
        setSnapshot(next);
        setError(null);
      }
      return next;
    } catch (e) {
      if (mine === generation.current) setError(errorText(e));
      return null;
    }
  }, [gateway]);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => Promise<void>) | undefined;
    void refresh();
    gateway
      .watch(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), debounceMs);
      })
      .then((unwatch) => {
        if (alive) stop = unwatch;
        else void unwatch();
      })
      .catch((e: unknown) => setError(errorText(e)));
    return () => {
      alive = false;
      clearTimeout(timer);
      void stop?.();
    };
  }, [gateway, refresh, debounceMs]);

  return { snapshot, error, refresh };
}
