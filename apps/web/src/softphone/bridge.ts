import { type Payload, readMessage, type ReceivedType, type SentType } from './smart-embed';

/** Sends a message into the iframe: how a handler answers a contact match or search. */
export type SmartEmbedReply = (type: SentType, data: Payload) => void;
export type SmartEmbedHandlers = Partial<Record<ReceivedType, (data: Payload, reply: SmartEmbedReply) => unknown>>;

/** Flags Zoom's samples send after load (names unconfirmed): logs to save, and contacts to match and search in our CRM. */
const INIT_CONFIG = { enableSavingLog: true, enableAutoLog: true, enableContactSearching: true, enableContactMatching: true };

const log = (...details: unknown[]) => console.debug('[softphone]', ...details);

/**
 * The one channel between the app and the Smart Embed iframe. It takes a message only when it comes from the
 * configured Smart Embed origin and from that iframe's own window (another tab, frame or extension on the same
 * origin could post one too), posts only to that origin, and never lets a message it cannot use, or a handler
 * that fails, break the page. What is sent before the iframe has loaded waits for its zp-init-config.
 */
export class SmartEmbedBridge {
  private frame: HTMLIFrameElement | null = null;
  private ready = false;
  private waiting: Array<{ type: SentType; data: Payload }> = [];

  constructor(
    private readonly origin: string,
    private readonly handlers: () => SmartEmbedHandlers,
  ) {}

  /** Listens to `frame` until the returned function is called (the pane closed). */
  attach(frame: HTMLIFrameElement): () => void {
    this.frame = frame;
    this.ready = false;
    const receive = (event: MessageEvent) => this.receive(event);
    window.addEventListener('message', receive);
    return () => {
      window.removeEventListener('message', receive);
      this.frame = null;
      this.ready = false;
      this.waiting = [];
    };
  }

  /** The iframe (re)loaded: configure it, then send what waited. */
  loaded(): void {
    this.ready = true;
    this.deliver('zp-init-config', INIT_CONFIG);
    const waiting = this.waiting;
    this.waiting = [];
    for (const message of waiting) this.deliver(message.type, message.data);
  }

  send(type: SentType, data: Payload): void {
    if (this.ready) this.deliver(type, data);
    else this.waiting.push({ type, data });
  }

  private deliver(type: SentType, data: Payload): void {
    this.frame?.contentWindow?.postMessage({ type, data }, this.origin);
  }

  private receive(event: MessageEvent): void {
    if (event.origin !== this.origin || !this.frame || event.source !== this.frame.contentWindow) return;
    const message = readMessage(event.data);
    if (!message) return log('ignored a message that is not { type, data }');
    const handle = this.handlers()[message.type as ReceivedType];
    // Types Zoom adds, and those the webhooks cover already (recordings, voicemails, AI summaries), end here.
    if (!handle) return log('no handler for Smart Embed message', message.type);
    Promise.resolve(message.data)
      .then((data) => handle(data, (type, answer) => this.send(type, answer)))
      .catch((error: unknown) => console.warn('[softphone] handling', message.type, 'failed:', error));
  }
}
