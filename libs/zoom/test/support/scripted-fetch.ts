/** A fetch stand-in that answers from a script and records what was sent, for unit tests without a server. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export type ScriptedAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

export function scriptedFetch(answers: ScriptedAnswer[]) {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    requests.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`scriptedFetch: no answer left for ${init.method ?? 'GET'} ${String(input)}`);
    if (answer instanceof Error) throw answer;
    const text = answer.body === undefined ? null : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } });
  }) as typeof fetch;
  return { fetch: fetchImpl, requests, remaining: () => answers.length };
}
