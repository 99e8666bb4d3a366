/** One patient waiting for a seat; `arrival` is taken under the group's row lock, so it is the order of arrival. */
export interface WaitingEntry {
  membershipId: string;
  patientId: string;
  arrival: number;
}

export interface WaitlistPlace extends WaitingEntry {
  /** 1..n without gaps. */
  position: number;
}

/** The waitlist in first-come order with positions 1..n (DOMAIN.md, Support groups: "first-come waitlist"). */
export function waitlistOrder(entries: WaitingEntry[]): WaitlistPlace[] {
  return [...entries].sort((a, b) => a.arrival - b.arrival).map((e, i) => ({ ...e, position: i + 1 }));
}

export interface SeatHandout {
  seated: WaitlistPlace[];
  /** Asked and unable to sit: they keep their place in line. */
  passedOver: WaitlistPlace[];
}

/**
 * Who takes the freed seats: the first `seats` patients in line who can sit
 * ("a leaving member frees the seat for the next in line"); one who cannot
 * (sessions at the meeting times) is passed over and keeps their place.
 */
export async function nextInLine(
  entries: WaitingEntry[], seats: number, canSit: (entry: WaitlistPlace) => Promise<boolean>,
): Promise<SeatHandout> {
  const handout: SeatHandout = { seated: [], passedOver: [] };
  for (const entry of waitlistOrder(entries)) {
    if (handout.seated.length >= seats) break;
    (await canSit(entry) ? handout.seated : handout.passedOver).push(entry);
  }
  return handout;
}
