import { gql } from '@apollo/client';
import { ACTIVITY_FIELDS } from '../graphql';

/** Deals: the pipeline board, a deal's page, a contact's deals, and putting an activity on a deal. */
export type DealStage = 'prospect' | 'active' | 'under_contract' | 'closed_won' | 'closed_lost';

export interface DealStageInfo {
  stage: DealStage;
  label: string;
}
export interface DealCard {
  id: string;
  title: string;
  stage: DealStage;
  value: number | null;
  propertyAddress: string | null;
  createdAt: string;
  contact: { id: string; name: string } | null;
}
export interface DealDetails extends DealCard {
  owner: { id: string; name: string } | null;
}
export interface PipelineColumn extends DealStageInfo {
  count: number;
  totalValue: number;
  deals: DealCard[];
}
/** What createDeal and updateDeal take; a field left out keeps its value on update. */
export interface DealInput {
  title?: string;
  contactId?: string | null;
  value?: number | null;
  propertyAddress?: string | null;
  stage?: DealStage;
}

/** Cards per column: the api's page maximum; a column's count and total cover all its deals. */
export const PIPELINE_CARDS_PER_STAGE = 100;

const DEAL_CARD = gql`
  fragment DealCard on Deal {
    id
    title
    stage
    value
    propertyAddress
    createdAt
    contact {
      id
      name
    }
  }
`;

export const DEAL_STAGES = gql`
  query DealStages {
    dealStages {
      stage
      label
    }
  }
`;

export const DEAL_PIPELINE = gql`
  ${DEAL_CARD}
  query DealPipeline($first: Int) {
    dealPipeline(first: $first) {
      stage
      label
      count
      totalValue
      deals {
        ...DealCard
      }
    }
  }
`;

export const RENAME_DEAL_STAGE = gql`
  mutation RenameDealStage($stage: DealStage!, $label: String!) {
    renameDealStage(stage: $stage, label: $label) {
      stage
      label
    }
  }
`;

export const DEAL = gql`
  ${DEAL_CARD}
  query Deal($id: ID!) {
    deal(id: $id) {
      ...DealCard
      owner {
        id
        name
      }
    }
  }
`;

export const CONTACT_DEALS = gql`
  ${DEAL_CARD}
  query ContactDeals($contactId: ID!) {
    deals(contactId: $contactId, first: 100) {
      ...DealCard
    }
  }
`;

export const CREATE_DEAL = gql`
  ${DEAL_CARD}
  mutation CreateDeal($input: DealInput!) {
    createDeal(input: $input) {
      ...DealCard
    }
  }
`;

export const UPDATE_DEAL = gql`
  ${DEAL_CARD}
  mutation UpdateDeal($id: ID!, $input: DealInput!) {
    updateDeal(id: $id, input: $input) {
      ...DealCard
    }
  }
`;

/** Each deal of the organisation as it is after someone created or changed it (this tab's own moves too). */
export const DEAL_CHANGED = gql`
  ${DEAL_CARD}
  subscription DealChanged {
    dealChanged {
      ...DealCard
      owner {
        id
        name
      }
    }
  }
`;

/** A deleted contact's deals now have none: the board and their pages show it. */
export const DEALS_LOST_CONTACT = gql`
  subscription DealsLostContact {
    contactDeleted {
      contactId
      dealIds
    }
  }
`;

export const SET_ACTIVITY_DEAL = gql`
  ${ACTIVITY_FIELDS}
  mutation SetActivityDeal($activityId: ID!, $dealId: ID) {
    setActivityDeal(activityId: $activityId, dealId: $dealId) {
      ...ActivityFields
    }
  }
`;
