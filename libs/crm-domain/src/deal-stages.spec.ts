import { DEAL_STAGE_ORDER, DEFAULT_DEAL_STAGE_LABELS, readDealStageLabel } from './deal-stages';
import { DealStage } from './enums';

describe('deal stages', () => {
  it('orders every stage once, each with a default name', () => {
    expect([...DEAL_STAGE_ORDER].sort()).toEqual(Object.values(DealStage).sort());
    expect(DEAL_STAGE_ORDER.map((stage) => DEFAULT_DEAL_STAGE_LABELS[stage])).toEqual(['Prospect', 'Active', 'Under contract', 'Closed won', 'Closed lost']);
  });

  it('reads a new name trimmed, with runs of spaces made one', () => {
    expect(readDealStageLabel('  Offer   made ')).toEqual({ label: 'Offer made' });
  });

  it('refuses a blank name and one over 40 characters, in words', () => {
    expect(readDealStageLabel('   ')).toEqual({ problem: 'Give the stage a name.' });
    expect(readDealStageLabel('x'.repeat(41))).toEqual({ problem: 'A stage name can be at most 40 characters long.' });
    expect(readDealStageLabel('x'.repeat(40))).toEqual({ label: 'x'.repeat(40) });
  });
});
