import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';
import { MediaPlaybackService } from '../media';
import { VoicemailTranscriptionService } from '../transcription';
import { PhoneRecording } from './entities/phone-recording.entity';

/** Call recordings and voicemails play in the CRM through here (MediaPlaybackService: viewer checked, nothing stored). */
@Controller('media')
export class MediaPlaybackController {
  constructor(
    private readonly playback: MediaPlaybackService,
    private readonly voicemails: VoicemailTranscriptionService,
    @InjectRepository(PhoneRecording) private readonly recordings: Repository<PhoneRecording>,
  ) {}

  @Get('phone-recordings/:activityId/:recordingId')
  async recording(@Param('activityId') activityId: string, @Param('recordingId') recordingId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.playback.play(request, response, 'phone_recording', activityId, (organisationId) => this.recordings.findOneBy({ organisationId, recordingId }));
  }

  @Get('voicemails/:activityId/:voicemailId')
  async voicemail(@Param('activityId') activityId: string, @Param('voicemailId') voicemailId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.playback.play(request, response, 'voicemail', activityId, (organisationId) => this.voicemails.find(organisationId, voicemailId));
  }
}
