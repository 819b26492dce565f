import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CallDispositionList } from './entities/call-disposition-list.entity';

/** The call_disposition_lists table: an organisation's own list, when it has one. */
@Injectable()
export class CallDispositionRepository {
  constructor(@InjectRepository(CallDispositionList) private readonly lists: Repository<CallDispositionList>) {}

  async find(organisationId: string): Promise<string[] | null> {
    return (await this.lists.findOneBy({ organisationId }))?.dispositions ?? null;
  }

  async save(organisationId: string, dispositions: string[]): Promise<void> {
    await this.lists.upsert({ organisationId, dispositions }, ['organisationId']);
  }
}
