import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DealStage } from '@switchboard/crm-domain';
import { In, Repository } from 'typeorm';
import type { Principal } from '../auth';
import { badInput, notFound } from '../platform/graphql/errors';
import { readPageSize } from '../platform/graphql/pagination';
import { cleanText, isUuid } from '../platform/graphql/validation';
import { LiveEventsService } from '../platform/redis/live-events.service';
import { ContactsService } from './contacts.service';
import { DEAL_CHANGED, type DealMessage, toDealMessage } from './deal-events';
import type { DealInput } from './dto/contact.input';
import { Deal } from './entities/deal.entity';

@Injectable()
export class DealsService {
  constructor(
    @InjectRepository(Deal) private readonly deals: Repository<Deal>,
    private readonly contacts: ContactsService,
    private readonly liveEvents: LiveEventsService,
  ) {}

  async list(principal: Principal, args: { contactId?: string | null; stage?: DealStage | null; first?: number | null }): Promise<Deal[]> {
    const limit = readPageSize(args.first);
    if (args.contactId) await this.contacts.getOrThrow(principal, args.contactId);
    return this.deals.find({
      where: { organisationId: principal.organisationId, ...(args.contactId ? { contactId: args.contactId } : {}), ...(args.stage ? { stage: args.stage } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  async findMany(organisationId: string, ids: string[]): Promise<Deal[]> {
    const validIds = ids.filter(isUuid);
    return validIds.length === 0 ? [] : this.deals.findBy({ organisationId, id: In(validIds) });
  }

  async getOrThrow(principal: Principal, id: string): Promise<Deal> {
    const deal = (await this.findMany(principal.organisationId, [id]))[0];
    if (!deal) throw notFound('Deal');
    return deal;
  }

  private async fields(principal: Principal, input: DealInput, creating: boolean): Promise<Partial<Deal>> {
    const fields: Partial<Deal> = {};
    if (creating || input.title !== undefined) fields.title = cleanText(input.title, 'title', { required: true, max: 200 }) as string;
    if (input.contactId !== undefined) {
      fields.contactId = input.contactId ? (await this.contacts.getOrThrow(principal, input.contactId)).id : null;
    }
    if (input.stage) fields.stage = input.stage;
    if (input.propertyAddress !== undefined) fields.propertyAddress = cleanText(input.propertyAddress, 'propertyAddress', { max: 300 });
    if (input.value !== undefined) {
      if (input.value !== null && input.value < 0) throw badInput('value must not be negative', 'value');
      fields.value = input.value;
    }
    return fields;
  }

  async create(principal: Principal, input: DealInput): Promise<Deal> {
    const fields = await this.fields(principal, input, true);
    const deal = await this.deals.save(
      this.deals.create({ stage: DealStage.PROSPECT, ...fields, organisationId: principal.organisationId, ownerId: principal.userId }),
    );
    await this.announce(deal);
    return deal;
  }

  async update(principal: Principal, id: string, input: DealInput): Promise<Deal> {
    const deal = await this.getOrThrow(principal, id);
    const fields = await this.fields(principal, input, false);
    if (Object.keys(fields).length === 0) return deal;
    await this.deals.update({ id: deal.id }, fields);
    const updated = await this.getOrThrow(principal, id);
    await this.announce(updated);
    return updated;
  }

  /** Every open board and deal page of the organisation hears the deal as it now is (`dealChanged`). */
  private announce(deal: Deal): Promise<void> {
    return this.liveEvents.publish<DealMessage>(DEAL_CHANGED, toDealMessage(deal));
  }
}
