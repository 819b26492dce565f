import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { usePageTitle } from '../components/PageTitle';
import { SkeletonRows } from '../components/Skeleton';
import { Timeline } from '../components/Timeline';
import { DealForm } from './DealForm';
import { formatMoney } from './money';
import { DEAL, DEAL_CHANGED, DEAL_STAGES, type DealDetails, type DealStage, type DealStageInfo, DEALS_LOST_CONTACT, UPDATE_DEAL } from './queries';
import './deals.css';

/** /deals/:id: a fresh view per deal, so nothing of the last one (its live timeline, a form) stays on screen. */
export function DealPage() {
  const { id = '' } = useParams();
  return <DealView key={id} id={id} />;
}

function StageSelect({ deal, stages }: { deal: DealDetails; stages: DealStageInfo[] }) {
  const [updateDeal, { loading, error }] = useMutation(UPDATE_DEAL, { refetchQueries: ['DealPipeline', 'ContactDeals'] });
  return (
    <label className="deal-stage-select">
      Stage
      <select
        value={deal.stage}
        disabled={loading}
        onChange={(event) => void updateDeal({ variables: { id: deal.id, input: { stage: event.target.value as DealStage } } }).catch(() => undefined)}
        data-testid="deal-stage"
      >
        {stages.map((stage) => (
          <option key={stage.stage} value={stage.stage}>
            {stage.label}
          </option>
        ))}
      </select>
      {error && (
        <span className="field-problem" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </label>
  );
}

function DealView({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery<{ deal: DealDetails | null }>(DEAL, { variables: { id } });
  // A change by anyone lands in the cache (the deal's normalised record), so the header and details follow it; a
  // deleted contact takes its link away, which only a refetch learns.
  useSubscription<{ dealChanged: DealDetails }>(DEAL_CHANGED);
  useSubscription<{ contactDeleted: { dealIds: string[] } }>(DEALS_LOST_CONTACT, {
    onData: ({ data: event }) => {
      if (event.data?.contactDeleted.dealIds.includes(id)) void refetch();
    },
  });
  const { data: stagesData } = useQuery<{ dealStages: DealStageInfo[] }>(DEAL_STAGES);
  const [editing, setEditing] = useState(false);
  const deal = data?.deal;
  usePageTitle(deal?.title ?? (loading ? null : 'Deal not found'));

  if (loading && !data) return <SkeletonRows rows={4} label="Loading the deal" />;
  if (error) return <p className="form-error">{errorMessage(error)}</p>;
  if (!deal) {
    return (
      <section className="page">
        <h1>Deal not found</h1>
        <p>
          It may have been deleted, or belong to another organisation. <Link to="/deals">Back to the pipeline</Link>
        </p>
      </section>
    );
  }
  const stages = stagesData?.dealStages ?? [];
  const stageName = stages.find((stage) => stage.stage === deal.stage)?.label ?? deal.stage;

  return (
    <section className="page deal-page">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/deals">Deals</Link> <span aria-hidden="true">/</span> <span>{deal.title}</span>
      </nav>
      <div className="page-header deal-header">
        <div className="deal-heading">
          <h1 data-testid="deal-title">{deal.title}</h1>
          <p className="muted">
            <span className="badge" data-testid="deal-stage-name">
              {stageName}
            </span>
            {deal.value !== null && <span className="deal-value"> {formatMoney(deal.value)}</span>}
          </p>
        </div>
        <div className="row">
          <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing} data-testid="edit-deal">
            Edit
          </button>
        </div>
      </div>
      {editing && <DealForm deal={deal} onCancel={() => setEditing(false)} onDone={() => setEditing(false)} />}
      <div className="columns">
        <aside className="card details">
          <h2>Details</h2>
          {stages.length > 0 && <StageSelect deal={deal} stages={stages} />}
          <dl>
            <dt>Contact</dt>
            <dd>
              {deal.contact ? (
                <Link to={`/contacts/${deal.contact.id}`} data-testid="deal-contact">
                  {deal.contact.name}
                </Link>
              ) : (
                <span className="muted">No contact</span>
              )}
            </dd>
            <dt>Value</dt>
            <dd>{deal.value !== null ? formatMoney(deal.value) : <span className="muted">Not set</span>}</dd>
            <dt>Property address</dt>
            <dd className="deal-address">{deal.propertyAddress ?? <span className="muted">Not set</span>}</dd>
            <dt>Owner</dt>
            <dd>{deal.owner?.name ?? <span className="muted">Unassigned</span>}</dd>
            <dt>Created</dt>
            <dd>{new Date(deal.createdAt).toLocaleDateString()}</dd>
          </dl>
        </aside>
        <div className="card activity">
          <h2>Timeline</h2>
          <p className="muted deal-timeline-hint">Calls, meetings, texts and notes put on this deal, from any contact’s timeline (“Put on a deal”).</p>
          <Timeline contactId={deal.contact?.id ?? ''} contactName={deal.contact?.name ?? deal.title} dealId={deal.id} />
        </div>
      </div>
    </section>
  );
}
