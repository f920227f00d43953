/**
 * runTx, the one way to write (docs/decisions/015): it commits or rolls back what its callback
 * wrote, a nested runTx joins the running one, two transactions of the process run one after the
 * other, a read outside a transaction never sees another's uncommitted writes, a write outside one
 * is refused, and a context that outlives its transaction (a timer started inside) does not reuse it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb, inTransaction, migrateEngine, one, only, runTx } from "~db/client.server";
import { companies } from "~db/schema";

/** How each engine refuses a write on a connection that only reads (drizzle wraps PostgreSQL's error as the cause). */
const REFUSED_WRITE = /readonly|read-only transaction/;
const refusal = (error: unknown) => `${String(error)} ${String((error as { cause?: unknown } | null)?.cause)}`;

let cvrs = 20_000_000;

/** A company row as a marker of a write; the CVR is unique, any 8 digits (the table checks no check digit). */
async function addCompany(name: string): Promise<number> {
  cvrs += 1;
  return (await only(getDb().insert(companies).values({ name, cvr: String(cvrs) }).returning({ id: companies.id }))).id;
}

async function companyNamed(name: string): Promise<{ id: number } | undefined> {
  return one(getDb().select({ id: companies.id }).from(companies).where(eq(companies.name, name)).limit(1));
}

/** Lets other promise chains of the event loop run, as a transaction's awaits do. */
function otherWorkRuns(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

beforeAll(() => migrateEngine());

afterAll(() => closeDatabase());

describe("runTx", { timeout: 10_000 }, () => {
  it("commits what the callback wrote and returns its value", async () => {
    const id = await runTx(async () => await addCompany("Committet ApS"));
    expect(await companyNamed("Committet ApS")).toEqual({ id });
  });

  it("rolls all of it back when the callback throws, and the error goes on to the caller", async () => {
    await expect(
      runTx(async (tx) => {
        await tx.insert(companies).values({ name: "Rullet tilbage ApS", cvr: "10000001" });
        await otherWorkRuns();
        await tx.insert(companies).values({ name: "Også rullet tilbage ApS", cvr: "10000002" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await companyNamed("Rullet tilbage ApS")).toBeUndefined();
    expect(await companyNamed("Også rullet tilbage ApS")).toBeUndefined();
  });

  it("lets a nested runTx join the running transaction: one commit, or one rollback of both", async () => {
    await runTx(async () => {
      await addCompany("Ydre ApS");
      await runTx(async () => {
        await addCompany("Indre ApS");
      });
    });
    expect(await companyNamed("Ydre ApS")).toBeDefined();
    expect(await companyNamed("Indre ApS")).toBeDefined();

    await expect(
      runTx(async () => {
        await addCompany("Ydre igen ApS");
        await runTx(async () => {
          await addCompany("Indre igen ApS");
          throw new Error("inner failure");
        });
      }),
    ).rejects.toThrow("inner failure");
    expect(await companyNamed("Ydre igen ApS")).toBeUndefined();
    expect(await companyNamed("Indre igen ApS")).toBeUndefined();
  });

  it("runs two transactions of the process one after the other: the second sees all of the first, never half", async () => {
    const seenBySecond: string[][] = [];
    const first = runTx(async () => {
      await addCompany("Halv 1 ApS");
      await otherWorkRuns();
      await otherWorkRuns();
      await addCompany("Halv 2 ApS");
    });
    const second = runTx(async () => {
      seenBySecond.push((await getDb().select({ name: companies.name }).from(companies)).map((c) => c.name).filter((n) => n.startsWith("Halv")));
    });
    await Promise.all([first, second]);
    expect(seenBySecond).toEqual([["Halv 1 ApS", "Halv 2 ApS"]]);
  });

  it("keeps a transaction's writes from a read outside it until it commits", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const hasWritten = new Promise<void>((resolve) => (written = resolve));
    const transaction = runTx(async () => {
      await addCompany("Ucommittet ApS");
      written();
      await held;
    });
    await hasWritten;
    expect(inTransaction()).toBe(false);
    expect(await companyNamed("Ucommittet ApS")).toBeUndefined();
    release();
    await transaction;
    expect(await companyNamed("Ucommittet ApS")).toBeDefined();
  });

  it("refuses a write outside a transaction", async () => {
    // SQLite's read connection is query_only; PostgreSQL's read pool defaults to read-only transactions.
    expect(refusal(await addCompany("Uden transaktion ApS").then(() => null, (error: unknown) => error))).toMatch(REFUSED_WRITE);
    expect(await companyNamed("Uden transaktion ApS")).toBeUndefined();
  });

  it("does not hand a finished transaction to a context that outlives it", async () => {
    let later!: Promise<{ inside: boolean; error: unknown }>;
    await runTx(async () => {
      // The timer's callback runs in the context of the transaction that started it, after its end.
      later = new Promise((resolve) => {
        setTimeout(() => {
          const inside = inTransaction();
          addCompany("For sent ApS").then(
            () => resolve({ inside, error: null }),
            async (error: unknown) => {
              // A runTx started from that context is a transaction of its own, which commits.
              await runTx(async () => await addCompany("Egen transaktion ApS"));
              resolve({ inside, error });
            },
          );
        }, 20);
      });
    });
    const outcome = await later;
    expect(outcome.inside).toBe(false);
    expect(refusal(outcome.error)).toMatch(REFUSED_WRITE);
    expect(await companyNamed("For sent ApS")).toBeUndefined();
    expect(await companyNamed("Egen transaktion ApS")).toBeDefined();
  });
});
