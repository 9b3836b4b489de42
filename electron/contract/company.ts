import { z } from 'zod';
import { query } from './operation';
import { CompanyProfile, RequiredCompanyField } from '../model/company';

export * from '../model/company';

export const companyContract = {
  /** The issuing company on statements (written through system.settings.set, key by key) and what is still missing. */
  'company.profile': query<CompanyProfile & { missing: RequiredCompanyField[] }>()(z.object({}).strict()),
};
