import { gql } from '@apollo/client';
import type { ActivityType, PhoneNumber } from '../graphql';

/** Tasks and follow-ups: the Today view, a contact's tasks, the nav badge (DESIGN.md §3 "Tasks"). */
export type TaskStatus = 'OPEN' | 'DONE';
export type TaskSource = 'MANUAL' | 'MISSED_CALL' | 'VOICEMAIL' | 'SUMMARY';

export interface Task {
  id: string;
  title: string;
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string;
  source: TaskSource;
  /** True only in what deleteTask answers and taskChanged announces: the task is gone. */
  deleted: boolean;
  contact: { id: string; name: string; phones: PhoneNumber[] } | null;
  deal: { id: string; title: string } | null;
  owner: { id: string; name: string } | null;
  activity: { id: string; type: ActivityType } | null;
}

/** The api's limit on a title (crm-domain's TASK_TITLE_MAX): inputs stop there rather than the save failing. */
export const TASK_TITLE_MAX = 200;

export interface TaskCounts {
  overdue: number;
  dueToday: number;
  upcoming: number;
}

export interface Teammate {
  id: string;
  name: string;
  active: boolean;
}

export interface TaskPage {
  edges: Array<{ __typename?: string; node: Task }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
export type OpenTasksData = { tasks: TaskPage };

const TASK_FIELDS = gql`
  fragment TaskFields on Task {
    id
    title
    dueAt
    completedAt
    createdAt
    source
    deleted
    contact {
      id
      name
      phones {
        raw
        e164
        extension
      }
    }
    deal {
      id
      title
    }
    owner {
      id
      name
    }
    activity {
      id
      type
    }
  }
`;

/** Open tasks soonest first: the caller's own without `contactId`, everyone's on that contact with it. */
export const OPEN_TASKS = gql`
  ${TASK_FIELDS}
  query OpenTasks($contactId: ID, $first: Int, $after: String) {
    tasks(status: OPEN, contactId: $contactId, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...TaskFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const TASK_COUNTS = gql`
  query TaskCounts($timezone: String!) {
    taskCounts(timezone: $timezone) {
      overdue
      dueToday
      upcoming
    }
  }
`;

export const TASK_CHANGED = gql`
  ${TASK_FIELDS}
  subscription TaskChanged {
    taskChanged {
      ...TaskFields
    }
  }
`;

export const CREATE_TASK = gql`
  ${TASK_FIELDS}
  mutation CreateTask($input: CreateTaskInput!) {
    createTask(input: $input) {
      ...TaskFields
    }
  }
`;

export const UPDATE_TASK = gql`
  ${TASK_FIELDS}
  mutation UpdateTask($id: ID!, $input: UpdateTaskInput!) {
    updateTask(id: $id, input: $input) {
      ...TaskFields
    }
  }
`;

export const COMPLETE_TASK = gql`
  ${TASK_FIELDS}
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      ...TaskFields
    }
  }
`;

export const REOPEN_TASK = gql`
  ${TASK_FIELDS}
  mutation ReopenTask($id: ID!) {
    reopenTask(id: $id) {
      ...TaskFields
    }
  }
`;

/** Answers the task as it was, with deleted: true. */
export const DELETE_TASK = gql`
  ${TASK_FIELDS}
  mutation DeleteTask($id: ID!) {
    deleteTask(id: $id) {
      ...TaskFields
    }
  }
`;

export const TASK_SETTINGS = gql`
  query TaskSettings {
    taskSettings {
      callBackTasks
    }
  }
`;

export const UPDATE_TASK_SETTINGS = gql`
  mutation UpdateTaskSettings($callBackTasks: Boolean!) {
    updateTaskSettings(callBackTasks: $callBackTasks) {
      callBackTasks
    }
  }
`;

/** Who a task can be handed to, or a contact list filtered by: the active people of the organisation. */
export const TEAMMATES = gql`
  query Teammates {
    colleagues {
      id
      name
      active
    }
  }
`;
