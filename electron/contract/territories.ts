import { z } from 'zod';
import {
  territoryAddInput,
  territoryMergeInput,
  territoryMoveInput,
  territoryRenameInput,
  territorySetActiveInput,
  type Territory,
} from '../model/territories';
import { mutation, query } from './operation';

export type { Territory };

export const territoriesContract = {
  'territories.list': query<Territory[]>()(z.object({}).strict()),
  'territories.add': mutation<Territory>()(territoryAddInput, { invalidates: ['territories', 'partners', 'coverage'] }),
  'territories.rename': mutation<Territory>()(territoryRenameInput, { invalidates: ['territories', 'partners', 'coverage'] }),
  'territories.move': mutation<Territory>()(territoryMoveInput, { invalidates: ['territories', 'partners', 'coverage'] }),
  'territories.merge': mutation<{ into: Territory; movedPartners: number }>()(territoryMergeInput, { invalidates: ['territories', 'partners', 'coverage'] }),
  'territories.setActive': mutation<Territory>()(territorySetActiveInput, { invalidates: ['territories', 'coverage'] }),
};
