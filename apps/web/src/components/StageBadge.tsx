const LABELS: Record<string, string> = {
  lead: 'Lead',
  client: 'Client',
  past_client: 'Past client',
  prospect: 'Prospect',
  active: 'Active',
  under_contract: 'Under contract',
  closed_won: 'Closed (won)',
  closed_lost: 'Closed (lost)',
};

export function stageLabel(stage: string): string {
  return LABELS[stage] ?? stage;
}

export function StageBadge({ stage }: { stage: string }) {
  return <span className={`badge stage-${stage}`}>{stageLabel(stage)}</span>;
}
