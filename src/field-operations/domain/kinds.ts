/** Every kind of field operation, with the family its establishment and closure are named after. */
export const KIND_FAMILIES = {
  mission: 'Mission',
  'verification-mission': 'Mission',
  'monitoring-mission': 'Mission',
  'observer-mission': 'Mission',
  office: 'Office',
  'programme-office': 'Office',
  'liaison-office': 'Office',
  centre: 'Centre',
  presence: 'Presence',
  'advisory-and-monitoring-group': 'Group',
  'assistance-group': 'Group',
  'project-co-ordinator': 'ProjectCoordinator',
  'task-force': 'TaskForce',
  representative: 'Representative',
  'personal-representative': 'Representative',
} as const;

export type Kind = keyof typeof KIND_FAMILIES;
export type Family = (typeof KIND_FAMILIES)[Kind];

export const KINDS = Object.keys(KIND_FAMILIES) as Kind[];
export const FAMILIES = [...new Set(Object.values(KIND_FAMILIES))] as Family[];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(KIND_FAMILIES, value);
}

export function familyOf(kind: Kind): Family {
  return KIND_FAMILIES[kind];
}

/** Human label of a kind: `programme-office` -> `Programme office`. */
export function kindLabel(kind: Kind): string {
  const words = kind.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
