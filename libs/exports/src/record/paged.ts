/** Every node of a cursor-paginated read, page by page (the record holds all of it). */
export async function allPages<N>(
  read: (
    after: string | null,
  ) => Promise<{ edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await read(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}
