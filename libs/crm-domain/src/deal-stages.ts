import { DealStage } from './enums';

/** The pipeline's columns, left to right. */
export const DEAL_STAGE_ORDER: readonly DealStage[] = [DealStage.PROSPECT, DealStage.ACTIVE, DealStage.UNDER_CONTRACT, DealStage.CLOSED_WON, DealStage.CLOSED_LOST];

/** What each stage is called until an admin renames it. */
export const DEFAULT_DEAL_STAGE_LABELS: Readonly<Record<DealStage, string>> = {
  [DealStage.PROSPECT]: 'Prospect',
  [DealStage.ACTIVE]: 'Active',
  [DealStage.UNDER_CONTRACT]: 'Under contract',
  [DealStage.CLOSED_WON]: 'Closed won',
  [DealStage.CLOSED_LOST]: 'Closed lost',
};

export const MAX_DEAL_STAGE_LABEL_LENGTH = 40;

/** A stage's new name as it will be stored (trimmed, inner runs of spaces made one), or why it cannot be one. */
export function readDealStageLabel(raw: string): { label: string } | { problem: string } {
  const label = raw.trim().replace(/\s+/g, ' ');
  if (!label) return { problem: 'Give the stage a name.' };
  if (label.length > MAX_DEAL_STAGE_LABEL_LENGTH) return { problem: `A stage name can be at most ${MAX_DEAL_STAGE_LABEL_LENGTH} characters long.` };
  return { label };
}
