import { describe, expect, it } from "vitest";
import { isValidCvr } from "../../../app/domain/identifiers";

describe("isValidCvr: 8 digits, no leading 0, modulus 11 with weights 2,7,6,5,4,3,2,1", () => {
  it.each(["12972997", "44125242"])("%s is valid", (cvr) => {
    expect(isValidCvr(cvr)).toBe(true);
  });

  it.each([
    ["12972998", "wrong check digit"],
    ["44125243", "wrong check digit"],
    ["00000000", "leading zero even though the weighted sum (0) is divisible by 11"],
    ["02972997", "leading zero"],
    ["1297299", "7 digits"],
    ["129729970", "9 digits"],
    ["1297299a", "not only digits"],
    ["12 97 29 97", "spaces"],
    [" 12972997", "leading space"],
    ["", "empty"],
  ])("%j is invalid (%s)", (cvr) => {
    expect(isValidCvr(cvr)).toBe(false);
  });
});
