import type { companyContract } from '../../contract/company';
import { loadCompanyProfile } from '../../domain/company/companyProfile';
import type { HandlerMap } from './types';

export const companyHandlers: HandlerMap<keyof typeof companyContract> = {
  'company.profile': ({ ws }) => loadCompanyProfile(ws),
};
