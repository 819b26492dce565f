import type { ApolloCache } from '@apollo/client';
import { OPEN_TASKS, type OpenTasksData, type Task } from './queries';

/** The page sizes the Today view and a contact's Tasks panel ask for: the cached lists a change is applied to. */
export const TODAY_PAGE_SIZE = 100;
export const CONTACT_PAGE_SIZE = 50;

export function todayVariables() {
  return { first: TODAY_PAGE_SIZE };
}

export function contactTasksVariables(contactId: string) {
  return { contactId, first: CONTACT_PAGE_SIZE };
}

/** The server's order: soonest due first, undated last, then oldest first. */
function bySoonestDue(a: Task, b: Task): number {
  if (a.dueAt !== b.dueAt) {
    if (!a.dueAt) return 1;
    if (!b.dueAt) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  return Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

function isOpen(task: Task): boolean {
  return !task.deleted && !task.completedAt;
}

/** Puts `task` in one cached list of open tasks, or takes it out, keeping the order and the count. */
function placeInList(cache: ApolloCache, variables: Record<string, unknown>, task: Task, belongs: boolean): void {
  cache.updateQuery<OpenTasksData>({ query: OPEN_TASKS, variables }, (data) => {
    if (!data) return undefined;
    const { edges, pageInfo, totalCount } = data.tasks;
    const others = edges.filter((edge) => edge.node.id !== task.id);
    const wasThere = others.length !== edges.length;
    if (!belongs) return wasThere ? { tasks: { ...data.tasks, edges: others, totalCount: totalCount - 1 } } : undefined;
    const nodes = [...others.map((edge) => edge.node), task].sort(bySoonestDue);
    // A task sorting after the last one loaded belongs to a page not fetched yet: counted, not shown.
    const beyondLoaded = pageInfo.hasNextPage && nodes[nodes.length - 1].id === task.id;
    const edgeTypename = edges[0]?.__typename ?? 'TaskEdge';
    return {
      tasks: {
        ...data.tasks,
        edges: (beyondLoaded ? nodes.slice(0, -1) : nodes).map((node) => ({ __typename: edgeTypename, node })),
        totalCount: wasThere ? totalCount : totalCount + 1,
      },
    };
  });
}

/**
 * A task as it is now (from a mutation or the taskChanged event) applied to the lists on screen: the caller's own
 * open tasks (the Today view) and its contact's open tasks. Done, deleted and handed-over tasks leave them.
 */
export function applyTaskChange(cache: ApolloCache, task: Task, viewerId: string): void {
  placeInList(cache, todayVariables(), task, isOpen(task) && task.owner?.id === viewerId);
  if (task.contact) placeInList(cache, contactTasksVariables(task.contact.id), task, isOpen(task));
}
