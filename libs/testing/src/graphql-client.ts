import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export interface GraphQLCallOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A real HTTP GraphQL client for tests: what a browser or phone would send. */
export class GraphQLTestClient {
  constructor(readonly baseUrl: string) {}

  async request<TData = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: GraphQLCallOptions = {},
  ): Promise<GraphQLResponse<TData>> {
    return this.post<TData>(JSON.stringify({ query, variables }), options);
  }

  async post<TData = Record<string, unknown>>(
    body: string,
    options: GraphQLCallOptions = {},
  ): Promise<GraphQLResponse<TData>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${this.baseUrl}/graphql`, { method: 'POST', headers, body });
    const json = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
    return { status: response.status, ...json };
  }

  /** The data of a request that must succeed; fails the test with the errors otherwise. */
  async data<TData = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: GraphQLCallOptions = {},
  ): Promise<TData> {
    const result = await this.request<TData>(query, variables, options);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(response: GraphQLResponse<unknown>): unknown {
  return response.errors?.[0]?.extensions?.code;
}
