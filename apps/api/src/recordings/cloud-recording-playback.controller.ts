import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ActivityType } from '@switchboard/crm-domain';
import type { Request, Response } from 'express';
import { MediaPlaybackService } from '../media';
import { RecordingsService } from './recordings.service';

/**
 * A recording's files play (video, audio) and open (transcript, chat) in the CRM through here, streamed from Zoom
 * with the host's token after the viewer's organisation is checked (MediaPlaybackService); nothing is stored.
 */
@Controller('media/cloud-recordings')
export class CloudRecordingPlaybackController {
  constructor(
    private readonly playback: MediaPlaybackService,
    private readonly recordings: RecordingsService,
  ) {}

  /** The AI Companion summary as plain text: the overview, then the next steps. */
  @Get(':activityId/summary')
  async summary(@Param('activityId') activityId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const activity = await this.playback.viewableActivity(request, response, activityId);
    if (!activity) return;
    if (activity.type !== ActivityType.RECORDING || (!activity.summary && activity.nextSteps.length === 0)) return void response.status(404).json({ error: 'not_found' });
    const nextSteps = activity.nextSteps.length ? ['', 'Next steps:', ...activity.nextSteps.map((step) => `- ${step}`)] : [];
    response.type('text/plain; charset=utf-8').send([activity.summary ?? '', ...nextSteps].join('\n').trim() + '\n');
  }

  @Get(':activityId/:fileId')
  async file(@Param('activityId') activityId: string, @Param('fileId') fileId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.playback.play(request, response, 'cloud_recording', activityId, (organisationId) => this.recordings.findFile(organisationId, fileId));
  }
}
