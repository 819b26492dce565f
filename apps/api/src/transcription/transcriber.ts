import { Inject, Injectable } from '@nestjs/common';
import OpenAI, { toFile } from 'openai';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';

/** OpenAI's upload limit for one transcription. */
export const MAX_TRANSCRIPTION_BYTES = 25 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

/** A failure retrying cannot fix (the file is too large, not audio, or gone): said once, clearly, and not retried. */
export class PermanentTranscriptionError extends Error {
  readonly permanent = true;
}

export interface Transcript {
  text: string;
  /** As the engine names it ("english"), when it says. */
  language: string | null;
}

/**
 * Speech to text through the `openai` SDK against `OPENAI_BASE_URL` (OpenAI, or any compatible server such as a
 * self-hosted Whisper). The SDK's own retries are off: the job queue retries, so every attempt is counted once.
 */
@Injectable()
export class Transcriber {
  private readonly client: OpenAI | null;
  private readonly model: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.model = config.openai.transcriptionModel;
    this.client = config.openai.apiKey ? new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, maxRetries: 0, timeout: TIMEOUT_MS }) : null;
  }

  async transcribe(audio: Buffer, fileName: string, contentType: string | undefined): Promise<Transcript> {
    if (!this.client) throw new PermanentTranscriptionError('Transcription is not configured: set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server)');
    if (audio.length > MAX_TRANSCRIPTION_BYTES) throw new PermanentTranscriptionError(`The voicemail is ${audio.length} bytes, over the transcription limit of 25 MB`);
    // whisper-1 reports the language in verbose_json; the gpt-4o transcribe models only answer json.
    const verbose = this.model.startsWith('whisper');
    try {
      const file = await toFile(audio, fileName, contentType ? { type: contentType } : undefined);
      const result = await this.client.audio.transcriptions.create({ file, model: this.model, response_format: verbose ? 'verbose_json' : 'json' });
      const language = 'language' in result && typeof result.language === 'string' ? result.language : null;
      return { text: result.text.trim(), language };
    } catch (error) {
      // Not audio or an unsupported format, a refused key, no such model, too large: the same request fails again.
      if (error instanceof OpenAI.APIError && error.status !== undefined && [400, 401, 403, 404, 413, 415, 422].includes(error.status)) {
        throw new PermanentTranscriptionError(`The transcription service refused the voicemail (${error.status}): ${error.message}`);
      }
      throw error;
    }
  }
}
