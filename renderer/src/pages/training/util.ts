import type { CellState } from '../../../../electron/contract/training';

export const STATES: CellState[] = ['valid', 'expiring30', 'expiring60', 'expiring90', 'expired', 'missing'];

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

/** CSS class of a compliance ratio (for the summary column). */
export const ratioClass = (x: number | null | undefined) => (x === null || x === undefined ? '' : x >= 1 ? 'tc-valid' : x >= 0.5 ? 'tc-expiring60' : 'tc-missing');
