import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { fieldFontCacheFile, fieldFontFrom } from "~/pdf/field-font.server";

const FONTS = path.resolve("node_modules/dkfds/dist/fonts/IBMPlexSans/complete/ttf");
const regular = fs.readFileSync(path.join(FONTS, "IBMPlexSans-Regular.ttf"));
const bold = fs.readFileSync(path.join(FONTS, "IBMPlexSans-SemiBold.ttf"));

describe("the fields' font kept on disk", () => {
  it("is made once and kept under a name of its own font's digest; later starts read the kept file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-field-font-"));
    const file = fieldFontCacheFile(regular, dir);
    expect(fs.existsSync(file)).toBe(false);
    const made = await fieldFontFrom(regular, dir);
    expect(fs.readFileSync(file).equals(made)).toBe(true);
    expect(fontkit.create(made).characterSet).toEqual(fontkit.create(regular).characterSet);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);

    // What is kept is what is handed out: a kept file that differs is returned as it is.
    fs.writeFileSync(file, regular);
    expect((await fieldFontFrom(regular, dir)).equals(regular)).toBe(true);

    // Another font is another file.
    expect(fieldFontCacheFile(bold, dir)).not.toBe(file);
  });

  it("makes a damaged kept file again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-field-font-"));
    const file = fieldFontCacheFile(regular, dir);
    fs.writeFileSync(file, "not a font");
    const made = await fieldFontFrom(regular, dir);
    expect(made.readUInt32BE(0)).toBe(0x00010000);
    expect(fs.readFileSync(file).equals(made)).toBe(true);
  });

  it("still makes the font where nothing can be kept", async () => {
    const blocked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-field-font-")), "a-file");
    fs.writeFileSync(blocked, "");
    const made = await fieldFontFrom(regular, path.join(blocked, "fonts"));
    expect(fontkit.create(made).numGlyphs).toBeGreaterThan(800);
  });
});
