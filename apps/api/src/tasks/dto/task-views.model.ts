import { Field, Int, ObjectType } from '@nestjs/graphql';

/** The caller's open tasks under the Today view's headings; together they are all of them. */
@ObjectType()
export class TaskCounts {
  @Field(() => Int, { description: 'Due before now' })
  overdue: number;

  @Field(() => Int, { description: 'Due from now to the end of the local day' })
  dueToday: number;

  @Field(() => Int, { description: 'Due after today, or with no due time' })
  upcoming: number;
}

@ObjectType()
export class TaskSettings {
  @Field({ description: 'A missed call or voicemail from a contact opens a "Call back" task' })
  callBackTasks: boolean;
}
