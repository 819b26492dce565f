import { ActivityDirection, ActivityType, CallResult } from './enums';

/** Where a task came from: typed by an agent, opened by a call the agent missed, or taken from an AI summary's next step. */
export const TaskSource = { MANUAL: 'MANUAL', MISSED_CALL: 'MISSED_CALL', VOICEMAIL: 'VOICEMAIL', SUMMARY: 'SUMMARY' } as const;
export type TaskSource = (typeof TaskSource)[keyof typeof TaskSource];

/** The sources of call-back tasks: at most one of them is open per contact and owner. */
export const CALL_BACK_SOURCES: readonly TaskSource[] = [TaskSource.MISSED_CALL, TaskSource.VOICEMAIL];

/** A task's title: the words an agent sees on the Today view. */
export const TASK_TITLE_MAX = 200;

/** What the call-back rules read of a timeline activity. */
export interface CallActivityFacts {
  type: ActivityType;
  direction: ActivityDirection | null;
  result: CallResult | null;
  durationSeconds: number | null;
}

/**
 * Whether a call asks the agent to call back, and why: a call they received and missed, or one that went to their
 * voicemail (a VOICEMAIL activity, or the CALL it merged into). Outbound calls never do: a callee's voicemail the
 * agent reached is not the contact asking for them.
 */
export function callBackSource(activity: CallActivityFacts): TaskSource | null {
  if (activity.direction !== ActivityDirection.INBOUND) return null;
  if (activity.type === ActivityType.VOICEMAIL) return TaskSource.VOICEMAIL;
  if (activity.type !== ActivityType.CALL) return null;
  if (activity.result === CallResult.VOICEMAIL) return TaskSource.VOICEMAIL;
  return activity.result === CallResult.MISSED ? TaskSource.MISSED_CALL : null;
}

/**
 * Whether a call reached the contact, either way round: Zoom says it was answered, or a call with no Zoom outcome
 * (logged by hand, or by the softphone before Zoom's events) lasted a while, so somebody talked.
 */
export function callConnected(activity: CallActivityFacts): boolean {
  if (activity.type !== ActivityType.CALL || activity.direction === ActivityDirection.INTERNAL || activity.direction === null) return false;
  if (activity.result === CallResult.ANSWERED) return true;
  return activity.result === null && (activity.durationSeconds ?? 0) > 0;
}

/** A call-back task's title, e.g. "Call back Jordan Lee", within the title's length however long the name. */
export function callBackTitle(contactName: string): string {
  return `Call back ${contactName}`.slice(0, TASK_TITLE_MAX).trim();
}
