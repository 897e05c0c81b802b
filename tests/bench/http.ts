import { Agent, request } from 'node:http';

export interface JsonResponse<T> {
  status: number;
  body: T;
  bytes: number;
}

/**
 * A minimal keep-alive JSON POST over node:http: the same client for our API and for the
 * baselines, so client-side cost is the same on both sides of a ratio.
 */
export class JsonClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(url: string, maxSockets = 64) {
    this.url = new URL(url);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  post<T>(body: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<JsonResponse<T>> {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...headers,
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T, bytes: text.length });
            } catch {
              reject(new Error(`non-JSON answer (${res.statusCode}): ${text.slice(0, 200)}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A GraphQL request that must succeed. */
export async function graphql<T>(
  client: JsonClient,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const { status, body } = await client.post<GraphQLAnswer<T>>({ query, variables }, headers);
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}
