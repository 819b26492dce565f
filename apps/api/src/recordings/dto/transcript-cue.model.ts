import { Field, Float, ObjectType } from '@nestjs/graphql';

/** One line of a recording's transcript, with its time in the recording (for click-to-seek). */
@ObjectType('TranscriptCue')
export class TranscriptCueModel {
  @Field(() => Float)
  startSeconds: number;

  @Field(() => Float)
  endSeconds: number;

  @Field(() => String, { nullable: true })
  speaker: string | null;

  @Field()
  text: string;
}
