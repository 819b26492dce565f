import { Readable } from 'node:stream';
import { type Request, type Response, Router } from 'express';
import { audioFingerprint } from './audio';
import type { SimState } from './state';

/** OpenAI's upload limit for audio transcriptions. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
const MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'];
const FORMATS = ['json', 'text', 'verbose_json', 'srt', 'vtt'];

/** OpenAI's error body. */
export function openaiError(response: Response, status: number, message: string, type = 'invalid_request_error', code: string | null = null, param: string | null = null) {
  response.status(status).json({ error: { message, type, param, code } });
}

async function readForm(request: Request): Promise<FormData> {
  let received = 0;
  const limited = Readable.from(
    (async function* () {
      for await (const chunk of request as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (received > MAX_AUDIO_BYTES + 64 * 1024) throw new Error('too large');
        yield chunk;
      }
    })(),
  );
  const body = Readable.toWeb(limited) as ReadableStream<Uint8Array>;
  return new globalThis.Request('http://sim.local/', { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body, duplex: 'half' } as RequestInit).formData();
}

const timestamp = (seconds: number, separator: string) => {
  const date = new Date(seconds * 1000).toISOString();
  return `${date.slice(11, 19)}${separator}${date.slice(20, 23)}`;
};

/**
 * POST /v1/audio/transcriptions, OpenAI-compatible: the text is the transcript the scenario gave the voicemail
 * whose audio was uploaded (the simulator recognises its own files); other audio transcribes to "".
 */
export function openaiRoutes(state: SimState): Router {
  const router = Router();
  router.post('/v1/audio/transcriptions', async (request, response) => {
    const authorization = request.headers.authorization ?? '';
    if (!/^Bearer \S+/.test(authorization)) return openaiError(response, 401, 'You didn\u2019t provide an API key.', 'invalid_request_error', 'invalid_api_key');
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      return openaiError(response, 400, 'Expected a multipart/form-data request body.');
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_AUDIO_BYTES + 64 * 1024) {
      return openaiError(response, 413, `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${declared} bytes read)`);
    }
    let form: FormData;
    try {
      form = await readForm(request);
    } catch (error) {
      const tooLarge = (error as Error).message === 'too large' || String((error as Error).cause ?? '').includes('too large');
      return tooLarge
        ? openaiError(response, 413, `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded`)
        : openaiError(response, 400, 'Could not parse multipart form');
    }
    const file = form.get('file');
    const model = form.get('model');
    const format = String(form.get('response_format') ?? 'json');
    if (!(file instanceof Blob)) return openaiError(response, 400, "you must provide a 'file' parameter", 'invalid_request_error', null, 'file');
    if (typeof model !== 'string' || !model) return openaiError(response, 400, "you must provide a 'model' parameter", 'invalid_request_error', null, 'model');
    if (!MODELS.includes(model)) return openaiError(response, 400, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    if (!FORMATS.includes(format)) return openaiError(response, 400, `'${format}' is not one of ${FORMATS.join(', ')} - 'response_format'`, 'invalid_request_error', null, 'response_format');
    if (file.size > MAX_AUDIO_BYTES) return openaiError(response, 413, `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${file.size} bytes read)`);
    if (file.size === 0) return openaiError(response, 400, 'Audio file is too short. Minimum audio length is 0.1 seconds.', 'invalid_request_error', 'audio_too_short', 'file');

    const bytes = Buffer.from(await file.arrayBuffer());
    const text = state.transcripts.get(audioFingerprint(bytes)) ?? '';
    state.transcriptionRequests.push({ model, format, bytes: bytes.length, fileName: file instanceof File ? file.name : '' });
    const duration = Math.max(1, Math.round(text.split(/\s+/).length / 2.5));
    switch (format) {
      case 'text':
        return response.type('text/plain').send(text);
      case 'srt':
        return response.type('text/plain').send(`1\n${timestamp(0, ',')} --> ${timestamp(duration, ',')}\n${text}\n`);
      case 'vtt':
        return response.type('text/plain').send(`WEBVTT\n\n${timestamp(0, '.')} --> ${timestamp(duration, '.')}\n${text}\n`);
      case 'verbose_json':
        return response.json({
          task: 'transcribe',
          language: 'english',
          duration,
          text,
          segments: [{ id: 0, seek: 0, start: 0, end: duration, text: ` ${text}`, tokens: [], temperature: 0, avg_logprob: -0.2, compression_ratio: 1.2, no_speech_prob: 0.01 }],
        });
      default:
        return response.json({ text });
    }
  });
  return router;
}
