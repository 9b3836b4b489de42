import type { ImportKind } from '../../../../shared/enums';
import { feedbackKind } from './feedback';
import type { KindSpec } from './kind';
import { partnersKind } from './partners';
import { risksKind } from './risks';
import { salesKind } from './sales';
import { targetsKind } from './targets';
import { trainingKind } from './training';

export const KINDS: Record<ImportKind, KindSpec> = {
  partners: partnersKind,
  sales: salesKind,
  targets: targetsKind,
  training: trainingKind,
  feedback: feedbackKind,
  risks: risksKind,
};

export function kindSpec(kind: ImportKind): KindSpec {
  return KINDS[kind];
}
