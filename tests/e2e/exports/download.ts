import { NOT_FOUND_MESSAGE } from '@roundtable/contracts';

/** A GET over real HTTP, as a browser link or an EHR client would make it. */
export async function download(
  url: string,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; contentType: string | null; headers: Headers; body: Buffer }> {
  const response = await fetch(url, {
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** The one answer an export gives for a record that is unknown, malformed or hidden from the requester. */
export function expectNotFound(response: { status: number; body: Buffer }): void {
  expect(response.status).toBe(404);
  expect(JSON.parse(response.body.toString())).toEqual({
    error: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE },
  });
}
