/**
 * Which municipality an employee's case belongs to on a date: the home
 * municipality (handlekommune, Retssikkerhedsloven § 9), which changes on the
 * moving date.
 */
import { compareIso, type IsoDate } from "./dates";

export interface Move {
  fromMunicipalityCode: number;
  toMunicipalityCode: number;
  movedOn: IsoDate;
}

/** The home municipality on `date`, given the current one and the recorded moves. */
export function homeMunicipalityOn(currentCode: number, moves: readonly Move[], date: IsoDate): number {
  // The first move after `date` tells where the employee lived on `date`.
  const later = moves.filter((m) => compareIso(m.movedOn, date) > 0).sort((a, b) => compareIso(a.movedOn, b.movedOn));
  return later[0]?.fromMunicipalityCode ?? currentCode;
}
