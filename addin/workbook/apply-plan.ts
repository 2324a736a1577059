/** Carries out a `WritePlan` through the gateway: new sheets first, then appended rows, then cells. */
import type { WritePlan } from './additions.ts';
import type { WorkbookGateway } from './gateway.ts';

export async function applyPlan(gateway: WorkbookGateway, plan: WritePlan): Promise<void> {
  if (plan.newSheets.length > 0) await gateway.createSheets(plan.newSheets);
  for (const append of plan.appends) await gateway.appendRows(append.sheet, append.rows);
  for (const cell of plan.cells) await gateway.writeCells(cell.sheet, cell.row, cell.column, [[cell.value]]);
}
