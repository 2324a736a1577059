/** The Funnels sheet (canonical, or the generator's name / description / steps / conversion_rate). */
import type { SheetGrid } from '../grid.ts';
import type { FunnelDef } from '../model.ts';
import type { CellRef } from '../source-map.ts';
import { cellFraction, cellNumber, cellText, splitNames } from '../text.ts';
import type { ParseContext } from './context.ts';
import { cellAt, isBlankRow, type Header } from './header.ts';

const NO_TARGET = /^(-|—|–|n\/a)?$/i;

export function parseFunnels(ctx: ParseContext, funnels: FunnelDef[], grid: SheetGrid, header: Header): void {
  const nameCol = header.columns.get('name')!;
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r];
    if (isBlankRow(row)) continue;
    const ref = (key: string): CellRef => ({ sheet: grid.name, row: r, column: header.columns.get(key) ?? nameCol });
    const path = `funnels[${funnels.length}]`;
    const name = cellText(cellAt(row, header, 'name'));
    if (name === '') {
      ctx.issue('warning', 'name.empty', ref('name'), `${path}.name`, 'This row has no funnel name, so it is skipped: fill in the name or delete the row.');
      continue;
    }
    const steps = splitNames(cellText(cellAt(row, header, 'steps')));
    if (steps.length === 0) {
      ctx.issue('error', 'funnel.no_steps', ref('steps'), `${path}.steps`, `The funnel "${name}" has no steps: list its event names in order, separated by commas.`);
      continue;
    }
    const funnel: FunnelDef = { name, description: cellText(cellAt(row, header, 'description')), steps, stepConversion: [], windowHours: 24 };
    const stepText = cellText(cellAt(row, header, 'stepConversion'));
    if (stepText !== '') {
      for (const token of stepText.split(/[,;\n]/).map((t) => t.trim())) {
        const n = NO_TARGET.test(token) ? null : cellFraction(token);
        if (n === undefined || (n !== null && (n < 0 || n > 1))) {
          ctx.issue('error', 'funnel.step_conversion_syntax', ref('stepConversion'), `${path}.stepConversion`, `"${token}" is not a conversion rate: write one rate (0..1 or a percentage) per step, "-" for the first step.`);
          funnel.stepConversion = [];
          break;
        }
        funnel.stepConversion.push(n);
      }
    } else {
      const overall = cellAt(row, header, 'conversion');
      if (cellText(overall) !== '') {
        const n = cellFraction(overall);
        if (n === undefined || n < 0 || n > 1) {
          ctx.issue('error', 'funnel.conversion_syntax', ref('conversion'), `${path}.stepConversion`, `"${cellText(overall)}" is not a conversion rate: write a share between 0 and 1 or a percentage.`);
        } else if (steps.length > 1) {
          // An end-to-end rate spread evenly: every step converts at the same rate, whose product is it.
          const perStep = Math.round(n ** (1 / (steps.length - 1)) * 10_000) / 10_000;
          funnel.stepConversion = steps.map((_, i) => (i === 0 ? null : perStep));
        }
      }
    }
    const windowCell = cellAt(row, header, 'windowHours');
    if (cellText(windowCell) !== '') {
      const hours = cellNumber(windowCell);
      if (hours === undefined || hours <= 0) ctx.issue('error', 'funnel.window', ref('windowHours'), `${path}.windowHours`, `"${cellText(windowCell)}" is not a time window: write the hours allowed from the first step to the last, e.g. 24.`);
      else funnel.windowHours = hours;
    }
    funnels.push(funnel);
    ctx.locate(path, ref('name'));
    for (const key of ['name', 'description', 'steps', 'stepConversion', 'windowHours']) {
      if (header.columns.has(key)) ctx.locate(`${path}.${key}`, ref(key));
    }
    if (!header.columns.has('stepConversion') && header.columns.has('conversion')) ctx.locate(`${path}.stepConversion`, ref('conversion'));
  }
}
