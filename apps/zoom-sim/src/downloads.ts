import type { Request, Response } from 'express';

export type SimFileKind = 'phone_recording' | 'voicemail' | 'cloud_recording';

/** A downloadable file; its token is the last segment of its download_url. */
export interface SimFile {
  token: string;
  kind: SimFileKind;
  ownerUserId: string;
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

/** Sends a file the way a CDN does: Content-Length, Accept-Ranges, and 206/416 for a single byte range. */
export function sendFile(request: Request, response: Response, file: SimFile): void {
  const size = file.bytes.length;
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  const range = request.headers.range ? RANGE.exec(request.headers.range) : null;
  if (request.headers.range && !range) {
    response.status(416).setHeader('Content-Range', `bytes */${size}`).end();
    return;
  }
  if (!range) {
    response.setHeader('Content-Length', String(size));
    response.status(200).end(file.bytes);
    return;
  }
  const [, startText, endText] = range;
  const start = startText === '' ? Math.max(0, size - Number(endText)) : Number(startText);
  const end = startText === '' || endText === '' ? size - 1 : Math.min(Number(endText), size - 1);
  if (start > end || start >= size) {
    response.status(416).setHeader('Content-Range', `bytes */${size}`).end();
    return;
  }
  response.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  response.setHeader('Content-Length', String(end - start + 1));
  response.status(206).end(file.bytes.subarray(start, end + 1));
}
