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

/** Who takes the freed seats: the first `seats` patients in line ("a leaving member frees the seat for the next in line"). */
export function nextInLine(entries: WaitingEntry[], seats: number): WaitlistPlace[] {
  return waitlistOrder(entries).slice(0, Math.max(0, seats));
}
