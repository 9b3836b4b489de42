import type { RiskListRow } from '../../../../electron/contract/risks';

export const LEVEL_COLOURS: Record<RiskListRow['level'], string> = {
  low: '#81c784',
  medium: '#fff176',
  high: '#ffb74d',
  critical: '#e57373',
};
export const LEVEL_INDEX: Record<RiskListRow['level'], number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const SCALE = [1, 2, 3, 4, 5] as const;
