/**
 * A partner's name as the reader's language shows it: in English mode its English name where it has one, else the
 * Chinese name (issue 11). Grids use the export specs so the file holds what the column shows.
 */
export interface NamedPartner {
  partnerName?: string | null;
  partnerNameEn?: string | null;
}

export const partnerNameIn = (zh: boolean, r: NamedPartner | null | undefined): string => (!zh && r?.partnerNameEn ? r.partnerNameEn : (r?.partnerName ?? ''));

/** Export of a column showing the name alone. */
export const nameExport = (zh: boolean) => ({ fields: zh ? ['partnerName'] : ['partnerNameEn', 'partnerName'], pick: 'first' as const });

/** Export of a column showing "code name". */
export const codeNameExport = (zh: boolean) => (zh ? { fields: ['partnerCode', 'partnerName'] } : { fields: ['partnerCode', 'partnerNameEn', 'partnerName'], pick: 'leadAndFirst' as const });
