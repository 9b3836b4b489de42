import { DomainError } from '../../../shared/errors';
import type { ProgramFromTemplateInput, ProgramTemplate, ProgramWithDefinition } from '../../model/incentives';
import { listReference } from '../hq/referenceData';
import type { HqReferenceItem } from '../../model/hq';
import type { OpContext } from '../opContext';
import { listPrograms, saveProgram } from './programRepo';

/**
 * Program templates HQ publishes (`pwb hq reference publish --kind program_template`, `data` = a program file without
 * its code) stay read-only in hq_reference; a region makes its own program from one: the template's definition is
 * copied, given a code, and from then on is an ordinary local program — the template itself is never changed here.
 */
function draftOf(item: HqReferenceItem, today: string): Record<string, unknown> {
  const { code: _code, ...data } = item.data;
  const year = today.slice(0, 4);
  return {
    currency: 'CNY',
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    eligibility: {},
    ...data,
    code: '',
    name: typeof data.name === 'string' && data.name.trim() ? data.name : item.name,
  };
}

export function listProgramTemplates(ctx: OpContext): ProgramTemplate[] {
  const today = ctx.today();
  return listReference(ctx.ws, 'program_template').map((x) => ({
    code: x.code,
    name: x.name,
    version: x.version,
    type: typeof x.data.type === 'string' ? x.data.type : null,
    pulledAt: x.pulledAt,
    draft: draftOf(x, today),
  }));
}

/** A new local program from a pulled template (CLI: `pwb programs from-template`); refuses a code already in use rather than replacing that program. */
export function programFromTemplate(ctx: OpContext, input: ProgramFromTemplateInput): ProgramWithDefinition {
  const template = listReference(ctx.ws, 'program_template').find((x) => x.code === input.template);
  if (!template) {
    throw new DomainError(`No program template ${input.template} was pulled from HQ`, 'NOT_FOUND', { reason: 'hq.templateNotFound', params: { template: input.template } });
  }
  if (listPrograms(ctx.ws).some((p) => p.code === input.code)) {
    throw new DomainError(`A program with code ${input.code} exists already`, 'CONFLICT', { reason: 'programCodeTaken', params: { code: input.code } });
  }
  const draft = draftOf(template, ctx.today());
  const definition = {
    ...draft,
    code: input.code,
    ...(input.name ? { name: input.name } : {}),
    ...(input.validFrom ? { validFrom: input.validFrom } : {}),
    ...(input.validTo !== undefined ? { validTo: input.validTo } : {}),
  };
  const { after } = saveProgram(ctx, definition);
  ctx.audit({ entity: 'incentive_program', entityId: after.id, after: { ...after, fromTemplate: { code: template.code, version: template.version } } });
  return after;
}
