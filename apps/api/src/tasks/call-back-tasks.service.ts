import { Injectable, type OnModuleInit } from '@nestjs/common';
import { callBackSource, callBackTitle, callConnected, contactDisplayName, type TaskSource } from '@switchboard/crm-domain';
import { type Activity, ActivityService } from '../activity';
import { ContactsService } from '../crm';
import { TaskRepository } from './task.repository';
import { TasksService } from './tasks.service';

/**
 * A call older than this when it is first heard opens no call-back: a backfill of the call history (connecting
 * Zoom lists weeks of calls) must not bury the agent under calls long since returned.
 */
const CALL_BACK_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

type ContactCall = Activity & { contactId: string; ownerId: string };

/**
 * "Call back" tasks, from the calls the timeline receives: a missed call or a voicemail from a contact opens one
 * for the call's owner (unless they turned the setting off), one per contact and owner however many calls come in;
 * a call with the contact that connects after it, either way round and by anyone, completes it.
 */
@Injectable()
export class CallBackTasks implements OnModuleInit {
  constructor(
    private readonly activities: ActivityService,
    private readonly contacts: ContactsService,
    private readonly tasks: TaskRepository,
    private readonly tasksService: TasksService,
  ) {}

  onModuleInit(): void {
    this.activities.onActivitiesWritten((written) => this.heard(written.map(({ activity }) => activity)));
  }

  /** In the order the calls happened, so that a batch (a backfill's page) closes the call-backs its own calls opened. */
  private async heard(activities: Activity[]): Promise<void> {
    const calls = activities.filter((activity): activity is ContactCall => Boolean(activity.contactId && activity.ownerId));
    for (const call of calls.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
      const source = callBackSource(call);
      if (source) await this.open(call, source);
      else if (callConnected(call)) await this.closeBefore(call);
    }
  }

  private async open(call: ContactCall, source: TaskSource): Promise<void> {
    if (Date.now() - call.occurredAt.getTime() > CALL_BACK_WINDOW_MS) return;
    if (!(await this.tasks.callBackTasksOn(call.ownerId))) return;
    const [contact] = await this.contacts.findMany(call.organisationId, [call.contactId]);
    if (!contact) return;
    const taskId = await this.tasks.openCallBack({
      organisationId: call.organisationId,
      ownerId: call.ownerId,
      contactId: contact.id,
      activityId: call.id,
      occurredAt: call.occurredAt,
      source,
      title: callBackTitle(contactDisplayName(contact.firstName, contact.lastName)),
    });
    if (taskId) await this.tasksService.announceById(call.organisationId, [taskId]);
  }

  private async closeBefore(call: ContactCall): Promise<void> {
    const completed = await this.tasks.completeCallBacks(call.organisationId, call.contactId, call.occurredAt);
    await this.tasksService.announceById(call.organisationId, completed);
  }
}
