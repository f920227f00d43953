import { describe, expect, it } from "vitest";
import { passwordWeakness } from "~/utils/password-strength.server";

const USER = ["hr@nordbyg.example", "Hanne Hansen", "Nordbyg ApS"];

describe("password strength", () => {
  it.each(["1234567890", "qwertyuiop", "password123", "adgangskode1", "Sommer2024!", "aaaaaaaaaaaa", "abcdefghij"])(
    "refuses the guessable %s with a Danish reason",
    async (password) => {
      const reason = await passwordWeakness(password, USER);
      expect(reason).toMatch(/^Adgangskoden er for let at gætte\./);
      expect(reason).not.toMatch(/[Tt]his|[Aa]void|[Uu]se /);
    },
  );

  it("refuses a password made of the user's own e-mail, name or organisation", async () => {
    for (const password of ["hr@nordbyg.example", "Nordbyg2026!", "HanneHansen1"]) {
      expect(await passwordWeakness(password, USER), password).toMatch(/^Adgangskoden er for let at gætte\./);
    }
    expect(await passwordWeakness("Nordbyg2026!", USER)).toContain("e-mailadresse, dit navn eller organisationens navn");
  });

  it("names a sequence for what it is", async () => {
    expect(await passwordWeakness("1234567890", USER)).toContain("meget brugt adgangskode");
  });

  it.each(["grøn-traktor-synger-opera", "blå-kamel-drikker-kakao", "Frikadeller-i-regnvejr-42", "correct horse battery staple"])(
    "accepts the hard-to-guess %s",
    async (password) => {
      expect(await passwordWeakness(password, USER)).toBeNull();
    },
  );
});
