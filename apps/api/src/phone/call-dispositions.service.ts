import { Injectable } from '@nestjs/common';
import { DEFAULT_CALL_DISPOSITIONS, dispositionOnList } from '@switchboard/crm-domain';
import type { Principal } from '../auth';
import { badInput } from '../platform/graphql/errors';
import { CallDispositionRepository } from './call-disposition.repository';

const MAX_DISPOSITIONS = 30;
const MAX_DISPOSITION_LENGTH = 60;

/** The outcomes an organisation's agents pick for their calls: the real-estate defaults until an admin edits them. */
@Injectable()
export class CallDispositionsService {
  constructor(private readonly lists: CallDispositionRepository) {}

  async list(organisationId: string): Promise<string[]> {
    return (await this.lists.find(organisationId)) ?? [...DEFAULT_CALL_DISPOSITIONS];
  }

  /**
   * Replaces the list (admins; the resolver checks the role), in the order given. Calls logged with an outcome no
   * longer on it keep theirs: it is what the agent chose then.
   */
  async set(principal: Principal, values: string[]): Promise<string[]> {
    const list = values.map((value) => value.trim());
    if (list.length === 0 || list.length > MAX_DISPOSITIONS) throw badInput(`values must hold 1 to ${MAX_DISPOSITIONS} outcomes`, 'values');
    for (const [index, value] of list.entries()) {
      if (!value || value.length > MAX_DISPOSITION_LENGTH) throw badInput(`values: each outcome must be 1 to ${MAX_DISPOSITION_LENGTH} characters`, 'values');
      if (dispositionOnList(list.slice(0, index), value)) throw badInput(`values: "${value}" is there twice`, 'values');
    }
    await this.lists.save(principal.organisationId, list);
    return list;
  }

  /** The list's own spelling of an outcome an agent picked; BAD_USER_INPUT naming `field` when it is not on the list. */
  async resolve(organisationId: string, value: string, field: string): Promise<string> {
    const disposition = dispositionOnList(await this.list(organisationId), value);
    if (!disposition) throw badInput(`${field}: "${value.trim()}" is not one of your organisation's call outcomes`, field);
    return disposition;
  }
}
