export { TranscriptionModule } from './transcription.module';
export { type NewVoicemail, VoicemailTranscriptionService } from './voicemail-transcription.service';
