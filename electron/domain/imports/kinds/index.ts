import type { ImportKind } from '../../../../shared/enums';
import { feedbackKind } from './feedback';
import { inventoryKind } from './inventory';
import type { KindSpec } from './kind';
import { partnersKind } from './partners';
import { productsKind } from './products';
import { risksKind } from './risks';
import { salesKind } from './sales';
import { sellThroughKind } from './sellThrough';
import { targetsKind } from './targets';
import { trainingKind } from './training';

export const KINDS: Record<ImportKind, KindSpec> = {
  partners: partnersKind,
  sales: salesKind,
  targets: targetsKind,
  training: trainingKind,
  feedback: feedbackKind,
  risks: risksKind,
  products: productsKind,
  inventory: inventoryKind,
  'sell-through': sellThroughKind,
};

export function kindSpec(kind: ImportKind): KindSpec {
  return KINDS[kind];
}
