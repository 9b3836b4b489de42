import type { Locator, Page } from '@playwright/test';

/** The rendered body cells of one column of a DataGrid (ag-grid marks cells with role=gridcell and col-id). */
export function gridCells(page: Page, gridTestId: string, colId: string): Locator {
  return page.getByTestId(gridTestId).locator(`[role="gridcell"][col-id="${colId}"]`);
}

/** Rendered body rows of a DataGrid (header rows excluded). */
export function gridRows(page: Page, gridTestId: string): Locator {
  return page.getByTestId(gridTestId).locator('[role="row"][row-index]');
}

/**
 * The cell of one column in the row shown at `rowIndex` (0 = top). ag-grid keeps row elements in insertion order
 * and positions them, so the first element in the DOM is not necessarily the top row: select by row-index.
 */
export function gridCell(page: Page, gridTestId: string, colId: string, rowIndex: number): Locator {
  return page.getByTestId(gridTestId).locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
}
