import { job } from './operation';
import { gridExportInput, type GridExportResult } from '../model/grids';

export * from '../model/grids';

export const gridsContract = {
  /** Writes what a grid shows (visible columns, order, filters, sort, headers) to XLSX or CSV, streamed, with progress and cancel. */
  'grids.export': job<GridExportResult>()(gridExportInput),
};
