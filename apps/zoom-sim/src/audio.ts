import { createHash } from 'node:crypto';

const SAMPLE_RATE = 8000;

/**
 * A short real WAV file (8 kHz mono PCM tone) standing in for Zoom's audio. The tone's pitch and an INFO comment
 * come from `seed`, so every file's bytes differ and the transcription endpoint can tell which one it was sent.
 */
export function toneWav(seed: string, seconds = 1): Buffer {
  const frequency = 300 + (createHash('sha256').update(seed).digest().readUInt16BE(0) % 500);
  const samples = Math.round(SAMPLE_RATE * seconds);
  const pcm = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index += 1) {
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * index) / SAMPLE_RATE) * 8000), index * 2);
  }
  const comment = Buffer.from(`zoom-sim ${seed}\0`);
  const paddedComment = comment.length % 2 ? Buffer.concat([comment, Buffer.alloc(1)]) : comment;
  const info = Buffer.concat([Buffer.from('INFO'), Buffer.from('ICMT'), uint32(comment.length), paddedComment]);
  const format = Buffer.alloc(16);
  format.writeUInt16LE(1, 0);
  format.writeUInt16LE(1, 2);
  format.writeUInt32LE(SAMPLE_RATE, 4);
  format.writeUInt32LE(SAMPLE_RATE * 2, 8);
  format.writeUInt16LE(2, 12);
  format.writeUInt16LE(16, 14);
  const chunks = [chunk('fmt ', format), chunk('LIST', info), chunk('data', pcm)];
  const body = Buffer.concat([Buffer.from('WAVE'), ...chunks]);
  return Buffer.concat([Buffer.from('RIFF'), uint32(body.length), body]);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value, 0);
  return buffer;
}

function chunk(id: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(id), uint32(data.length), data]);
}

export const audioFingerprint = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
