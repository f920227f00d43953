-- Issue 27, measured with npm run bench: an import's confirmation moves its staged rows into employees
-- in one INSERT … SELECT, and the row triggers then updated the company's data_version and the same
-- statistics block 50,000 times in one transaction. In PostgreSQL each update of a row leaves a new
-- version behind it, and every next update walks the chain of versions the transaction left, so the
-- cost grows with the square of the rows: 74 s for 50,000. The insert triggers are now per statement,
-- over the inserted rows (a transition table), adding the number of rows to each counter in one
-- update: the counters end where the row triggers left them (tests/integration/postgres-schema.test.ts
-- compares them with SQLite's, write by write), with the same trigger names (db/triggers.ts).
DROP TRIGGER employees_company_version_insert ON employees;
--> statement-breakpoint
DROP TRIGGER employees_statistics_block_insert ON employees;
--> statement-breakpoint
CREATE FUNCTION employees_insert_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'company_version' THEN
    UPDATE companies c SET data_version = c.data_version + n.rows
      FROM (SELECT company_id, count(*) AS rows FROM inserted GROUP BY company_id) n
      WHERE c.id = n.company_id;
  ELSE
    INSERT INTO statistics_block_versions AS v (company_id, block, version)
      SELECT company_id, id >> 10, count(*) FROM inserted GROUP BY company_id, id >> 10
      ON CONFLICT (company_id, block) DO UPDATE SET version = v.version + EXCLUDED.version;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employees_company_version_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION employees_insert_counters('company_version');
--> statement-breakpoint
CREATE TRIGGER employees_statistics_block_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION employees_insert_counters('statistics_block');
