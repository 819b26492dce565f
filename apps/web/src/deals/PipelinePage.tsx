import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type DragEvent, type FormEvent, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { SkeletonRows } from '../components/Skeleton';
import { useCurrentUser } from '../session';
import { DealForm } from './DealForm';
import { formatMoney } from './money';
import { DEAL_CHANGED, DEAL_PIPELINE, type DealCard, type DealStage, type DealStageInfo, DEALS_LOST_CONTACT, PIPELINE_CARDS_PER_STAGE, type PipelineColumn, RENAME_DEAL_STAGE, UPDATE_DEAL } from './queries';
import { useAfterPause } from './useAfterPause';
import './deals.css';

/** The drag's payload type: a deal card's id, so a drop from anything else (a file, a text selection) is ignored. */
const DEAL_DRAG_TYPE = 'application/x-switchboard-deal';

/** Live changes come in bursts (a colleague moving cards, an import): the board is refetched once they pause. */
const LIVE_REFETCH_PAUSE_MS = 200;

const sum = (deals: DealCard[]) => deals.reduce((total, deal) => total + (deal.value ?? 0), 0);

/**
 * The board as the server last sent it, with the moves still in flight applied: a card moved is at the top of its
 * new column at once, and both columns' figures follow. A move's deal may already read its new stage (the
 * mutation answered) while the board is refetched, so where a card goes is decided by the move, then its stage.
 */
function withMoves(columns: PipelineColumn[], moves: ReadonlyMap<string, DealStage>): PipelineColumn[] {
  if (moves.size === 0) return columns;
  const placed = (deal: DealCard) => moves.get(deal.id) ?? deal.stage;
  return columns.map((column) => {
    const leaving = column.deals.filter((deal) => placed(deal) !== column.stage);
    const arriving = columns.filter((other) => other.stage !== column.stage).flatMap((other) => other.deals.filter((deal) => placed(deal) === column.stage));
    return {
      ...column,
      count: column.count - leaving.length + arriving.length,
      totalValue: column.totalValue - sum(leaving) + sum(arriving),
      deals: [...arriving, ...column.deals.filter((deal) => placed(deal) === column.stage)],
    };
  });
}

function StageName({ column, canRename }: { column: PipelineColumn; canRename: boolean }) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(column.label);
  const [rename, { loading, error, reset }] = useMutation(RENAME_DEAL_STAGE, { refetchQueries: ['DealPipeline', 'DealStages'], awaitRefetchQueries: true });
  const [problem, setProblem] = useState('');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = label.trim();
    if (!trimmed) return setProblem('Give the stage a name.');
    if (trimmed.length > 40) return setProblem('A stage name can be at most 40 characters long.');
    setProblem('');
    const result = await rename({ variables: { stage: column.stage, label: trimmed } }).catch(() => null);
    if (result?.data) setEditing(false);
  };
  const cancel = () => {
    setEditing(false);
    setLabel(column.label);
    setProblem('');
    reset();
  };

  if (!editing) {
    return (
      <div className="pipeline-stage-name">
        <h2 id={`stage-${column.stage}`} data-testid="stage-label">
          {column.label}
        </h2>
        {canRename && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => {
              setLabel(column.label);
              setEditing(true);
            }}
            aria-label={`Rename the stage ${column.label}`}
            data-testid="rename-stage"
          >
            Rename
          </button>
        )}
      </div>
    );
  }
  const message = problem || (error ? errorMessage(error) : '');
  return (
    <form className="pipeline-rename" onSubmit={save} aria-label={`Rename the stage ${column.label}`}>
      <input
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && cancel()}
        aria-label="Stage name"
        aria-invalid={Boolean(message)}
        maxLength={60}
        autoFocus
        data-testid="stage-label-input"
      />
      <div className="row wrap">
        <button type="submit" className="button small primary" disabled={loading} data-testid="save-stage-label">
          Save
        </button>
        <button type="button" className="button small ghost" onClick={cancel} disabled={loading}>
          Cancel
        </button>
      </div>
      {message && (
        <span className="field-problem" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}

function DealCardView({ deal, stages, onMove, onDragStart, onDragEnd }: { deal: DealCard; stages: DealStageInfo[]; onMove: (deal: DealCard, stage: DealStage) => void; onDragStart: (deal: DealCard) => void; onDragEnd: () => void }) {
  const startDrag = (event: DragEvent) => {
    event.dataTransfer.setData(DEAL_DRAG_TYPE, deal.id);
    event.dataTransfer.setData('text/plain', deal.title);
    event.dataTransfer.effectAllowed = 'move';
    onDragStart(deal);
  };
  return (
    <li className="deal-card" draggable onDragStart={startDrag} onDragEnd={onDragEnd} data-testid="deal-card" data-deal-id={deal.id}>
      <Link to={`/deals/${deal.id}`} className="deal-card-title" draggable={false}>
        {deal.title}
      </Link>
      {deal.contact && <span className="deal-card-contact">{deal.contact.name}</span>}
      {deal.value !== null && <span className="deal-card-value">{formatMoney(deal.value)}</span>}
      {deal.propertyAddress && <span className="deal-card-address muted">{deal.propertyAddress}</span>}
      <label className="deal-card-move">
        <span className="visually-hidden">Move {deal.title} to</span>
        <select value={deal.stage} onChange={(event) => onMove(deal, event.target.value as DealStage)} data-testid="move-deal">
          {stages.map((stage) => (
            <option key={stage.stage} value={stage.stage}>
              {stage.stage === deal.stage ? stage.label : `Move to ${stage.label}`}
            </option>
          ))}
        </select>
      </label>
    </li>
  );
}

/** /deals: one column per stage with its count and total; drag a card (or pick "Move to") to change its stage. */
export function PipelinePage() {
  const user = useCurrentUser();
  const { data, loading, error, refetch } = useQuery<{ dealPipeline: PipelineColumn[] }>(DEAL_PIPELINE, { variables: { first: PIPELINE_CARDS_PER_STAGE }, fetchPolicy: 'cache-and-network' });
  const [updateDeal] = useMutation<{ updateDeal: DealCard }>(UPDATE_DEAL);
  const [moves, setMoves] = useState<ReadonlyMap<string, DealStage>>(new Map());
  const [dragging, setDragging] = useState<DealCard | null>(null);
  const [dropTarget, setDropTarget] = useState<DealStage | null>(null);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  const columns = useMemo(() => withMoves(data?.dealPipeline ?? [], moves), [data, moves]);
  const stages = useMemo(() => columns.map(({ stage, label }) => ({ stage, label })), [columns]);
  const labelOf = (stage: DealStage) => stages.find((info) => info.stage === stage)?.label ?? stage;

  // A card moves column and both columns' figures change: the board is refetched rather than patched. The echo of
  // this tab's own move in flight is skipped: the move refetches the board itself.
  const movesInFlight = useRef(moves);
  movesInFlight.current = moves;
  const refetchSoon = useAfterPause(() => void refetch(), LIVE_REFETCH_PAUSE_MS);
  useSubscription<{ dealChanged: DealCard }>(DEAL_CHANGED, {
    onData: ({ data: event }) => {
      const deal = event.data?.dealChanged;
      if (deal && movesInFlight.current.get(deal.id) !== deal.stage) refetchSoon();
    },
  });
  useSubscription<{ contactDeleted: { dealIds: string[] } }>(DEALS_LOST_CONTACT, {
    onData: ({ data: event }) => {
      if (event.data?.contactDeleted.dealIds.length) refetchSoon();
    },
  });

  const setMove = (dealId: string, stage: DealStage | null) =>
    setMoves((current) => {
      const next = new Map(current);
      if (stage) next.set(dealId, stage);
      else next.delete(dealId);
      return next;
    });

  const move = async (deal: DealCard, stage: DealStage) => {
    if ((moves.get(deal.id) ?? deal.stage) === stage) return;
    setMessage(null);
    setMove(deal.id, stage);
    try {
      await updateDeal({ variables: { id: deal.id, input: { stage } } });
      await refetch();
    } catch (failure) {
      setMessage({ kind: 'error', text: `"${deal.title}" could not be moved to ${labelOf(stage)}, so it is back where it was: ${errorMessage(failure)}` });
    } finally {
      setMove(deal.id, null);
    }
  };

  const over = (stage: DealStage) => (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DEAL_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (dropTarget !== stage) setDropTarget(stage);
  };
  const drop = (stage: DealStage) => (event: DragEvent) => {
    const id = event.dataTransfer.getData(DEAL_DRAG_TYPE);
    setDropTarget(null);
    setDragging(null);
    const deal = columns.flatMap((column) => column.deals).find((card) => card.id === id);
    if (!deal) return;
    event.preventDefault();
    void move(deal, stage);
  };

  return (
    <section className="page pipeline-page">
      <div className="page-header">
        <div>
          <h1>Deals</h1>
          <p className="muted">Drag a card to another stage, or use its “Move to” menu.</p>
        </div>
        <div className="row">
          <button type="button" className="button primary" onClick={() => setCreating(true)} disabled={creating} data-testid="new-deal">
            New deal
          </button>
        </div>
      </div>
      {creating && (
        <DealForm
          onCancel={() => setCreating(false)}
          onDone={(deal) => {
            setCreating(false);
            setMessage({ kind: 'success', text: `Deal "${deal.title}" created in ${labelOf(deal.stage)}.` });
          }}
        />
      )}
      {message && (
        <p className={message.kind === 'error' ? 'banner error pipeline-message' : 'banner success'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="pipeline-message">
          {message.text}
          <button type="button" className="button ghost small" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </p>
      )}
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {loading && !data ? (
        <SkeletonRows rows={5} label="Loading the pipeline" />
      ) : (
        <div className="pipeline-board" data-testid="pipeline-board">
          {columns.map((column) => (
            <section
              key={column.stage}
              className={`pipeline-column${dropTarget === column.stage ? ' drop-target' : ''}`}
              aria-labelledby={`stage-${column.stage}`}
              onDragOver={over(column.stage)}
              onDragLeave={(event) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDropTarget(null)}
              onDrop={drop(column.stage)}
              data-testid="pipeline-column"
              data-stage={column.stage}
            >
              <header className="pipeline-column-head">
                <StageName column={column} canRename={user.role === 'admin'} />
                <p className="pipeline-figures" data-testid="stage-figures">
                  <span data-testid="stage-count">
                    {column.count} {column.count === 1 ? 'deal' : 'deals'}
                  </span>
                  <span aria-hidden="true"> · </span>
                  <span data-testid="stage-total">{formatMoney(column.totalValue)}</span>
                </p>
              </header>
              <ol className="pipeline-cards">
                {column.deals.map((deal) => (
                  <DealCardView
                    key={deal.id}
                    deal={{ ...deal, stage: column.stage }}
                    stages={stages}
                    onMove={(card, stage) => void move(card, stage)}
                    onDragStart={setDragging}
                    onDragEnd={() => {
                      setDragging(null);
                      setDropTarget(null);
                    }}
                  />
                ))}
                {column.deals.length === 0 && <li className="pipeline-empty muted">{dragging ? 'Drop here' : 'No deals'}</li>}
              </ol>
              {column.count > column.deals.length && (
                <p className="muted pipeline-more">
                  {column.count - column.deals.length} more not shown
                </p>
              )}
            </section>
          ))}
        </div>
      )}
      {data && columns.every((column) => column.count === 0) && <p className="empty">No deals yet: “New deal” starts one, on its own or from a contact’s page.</p>}
    </section>
  );
}
