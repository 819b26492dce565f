import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DealStage } from '@switchboard/crm-domain';
import { Repository } from 'typeorm';
import { Deal } from './entities/deal.entity';

export interface StageFigures {
  count: number;
  totalValue: number;
}

/** The board's reads of the deals table: each stage's figures, and each stage's most recently changed deals. */
@Injectable()
export class DealPipelineRepository {
  constructor(@InjectRepository(Deal) private readonly deals: Repository<Deal>) {}

  async figuresByStage(organisationId: string): Promise<Map<DealStage, StageFigures>> {
    const rows: Array<{ stage: DealStage; count: number; total_value: number }> = await this.deals.query(
      `SELECT stage, count(*)::int AS count, coalesce(sum(value), 0)::float8 AS total_value
         FROM deals WHERE organisation_id = $1 GROUP BY stage`,
      [organisationId],
    );
    return new Map(rows.map((row) => [row.stage, { count: row.count, totalValue: row.total_value }]));
  }

  /** At most `perStage` deals of each stage, newest change first, in one query. */
  newestByStage(organisationId: string, perStage: number): Promise<Deal[]> {
    return this.deals
      .createQueryBuilder('deal')
      .where(
        `deal.id IN (SELECT ranked.id FROM (
           SELECT id, row_number() OVER (PARTITION BY stage ORDER BY updated_at DESC, id DESC) AS position
             FROM deals WHERE organisation_id = :organisationId) ranked
          WHERE ranked.position <= :perStage)`,
        { organisationId, perStage },
      )
      .orderBy('deal.updated_at', 'DESC')
      .addOrderBy('deal.id', 'DESC')
      .getMany();
  }
}
