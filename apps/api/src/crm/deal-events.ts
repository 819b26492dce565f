import type { Deal } from './entities/deal.entity';

/** Published after a deal is created or updated (a stage move too): open boards and deal pages of its organisation react. */
export const DEAL_CHANGED = 'deal.changed';

/** A deal as it crosses Redis (JSON: dates as ISO strings). */
export type DealMessage = Omit<Deal, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function toDealMessage(deal: Deal): DealMessage {
  return { ...deal, createdAt: deal.createdAt.toISOString(), updatedAt: deal.updatedAt.toISOString() };
}

export function fromDealMessage(message: DealMessage): Deal {
  return { ...message, createdAt: new Date(message.createdAt), updatedAt: new Date(message.updatedAt) };
}
