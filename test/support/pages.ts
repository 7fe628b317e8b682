import type { RegistryUnderTest } from './registry-app';

/** A page of a list read: its items and the `after` of the next page (null on the last). */
export interface Page<T extends { id: string }> {
  items: T[];
  next: string | null;
}

/**
 * Follows `next` from the first page of `path` (with its query, if any) to the last, `limit`
 * items a page, checking that each answer is a 200 and that `next` names the page's last item.
 */
export async function walkPages<T extends { id: string }>(
  registry: RegistryUnderTest,
  path: string,
  limit: number,
): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let after = ''; ;) {
    const cursor = after ? `&after=${after}` : '';
    const response = await registry.get(`${path}${separator}limit=${limit}${cursor}`);
    expect(response.status).toBe(200);
    const page = response.body as Page<T>;
    pages.push(page);
    if (page.next === null) return pages;
    expect(page.next).toBe(page.items[page.items.length - 1].id);
    after = page.next;
  }
}
