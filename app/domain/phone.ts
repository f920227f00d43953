/** A stored phone number (digits, maybe +45) as Danes write it: "70 20 30 40", "+45 70 20 30 40". */
export function formatPhone(stored: string): string {
  const m = /^(\+45|0045)?([0-9]{8})$/.exec(stored);
  if (!m) return stored;
  const pairs = m[2]!.match(/../g)!.join(" ");
  return m[1] ? `+45 ${pairs}` : pairs;
}
