type Event = { type: string; data: unknown };

/** Stored Chairpersonship events for specs. */
export const assumed = (
  chairpersonshipId: string,
  state: string,
  from: string,
  to: string,
  year: number | null = null,
): Event => ({
  type: 'ChairpersonshipAssumed',
  data: { chairpersonshipId, state, year, from, to },
});

export const appointed = (
  chairpersonshipId: string,
  name: string,
  from: string,
  to: string | null = null,
  role: string | null = null,
  datesFromPeriod = false,
): Event => ({
  type: 'ChairpersonInOfficeAppointed',
  data: { chairpersonshipId, name, role, from, to, datesFromPeriod },
});
