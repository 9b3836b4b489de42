import { z } from 'zod';
import type { CompanyProfile, RequiredCompanyField, StatementLanguage, TaxTreatment } from '../domain/company/companyProfile';
import { query } from './operation';

export type { CompanyProfile, RequiredCompanyField, StatementLanguage, TaxTreatment };

export const companyContract = {
  /** The issuing company on statements (written through settings.set, key by key) and what is still missing. */
  'company.profile': query<CompanyProfile & { missing: RequiredCompanyField[] }>()(z.object({}).strict()),
};
