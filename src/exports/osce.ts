/** The parent of every field operation in the exports. */
export const OSCE = {
  id: 'osce',
  name: 'Organization for Security and Co-operation in Europe',
  abbreviation: 'OSCE',
  classification: 'international-organization',
} as const;
