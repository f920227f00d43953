-- The triggers of db/triggers.ts for PostgreSQL (docs/decisions/013): the same names on the same
-- tables, maintaining the same rows with the same counts for the same writes as the SQLite
-- triggers of migrations 0003-0032 in their latest form. PostgreSQL's trigger WHEN cannot hold a
-- subquery, so such conditions are tested inside the function. Where SQLite's trigger updates rows
-- (the copied municipality), this one does too, so the updates fire the same version triggers.
-- Functions shared by several triggers read TG_OP, the event that fired them.

-- SQLite's CAST(text AS INTEGER): the longest integer prefix of the text, 0 when it has none, and
-- never an error (PostgreSQL's ::integer refuses "abc"; an audit entry's entity id may be any text).
CREATE FUNCTION fasthold_sqlite_integer(value text) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN value IS NULL THEN NULL
    ELSE COALESCE(substring(value FROM '^\s*([+-]?[0-9]{1,18})')::bigint, 0) END $$;
--> statement-breakpoint

-- The social-chapter log is evidence of a real attempt (LAB § 119): append-only, except one redaction of an entry's text.
CREATE FUNCTION social_chapter_log_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT (
    OLD.redacted_at IS NULL
    AND NEW.redacted_at IS NOT NULL
    AND NEW.redacted_by IS NOT NULL
    AND NEW.text IS DISTINCT FROM OLD.text
    AND NEW.id IS NOT DISTINCT FROM OLD.id
    AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id
    AND NEW.entry_date IS NOT DISTINCT FROM OLD.entry_date
    AND NEW.kind IS NOT DISTINCT FROM OLD.kind
    AND NEW.corrects_entry_id IS NOT DISTINCT FROM OLD.corrects_entry_id
    AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by
    AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at
  ) THEN
    RAISE EXCEPTION 'social_chapter_log is append-only; only a redaction may replace an entry''s text' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER social_chapter_log_no_update BEFORE UPDATE ON social_chapter_log FOR EACH ROW EXECUTE FUNCTION social_chapter_log_no_update();
--> statement-breakpoint
CREATE FUNCTION social_chapter_log_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'social_chapter_log is append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER social_chapter_log_no_delete BEFORE DELETE ON social_chapter_log FOR EACH ROW EXECUTE FUNCTION social_chapter_log_no_delete();
--> statement-breakpoint

-- Company data versions (SQLite 0010): a cached dashboard is valid while companies.data_version is unchanged.
CREATE FUNCTION fasthold_company_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE companies SET data_version = data_version + 1 WHERE id = NEW.company_id;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE companies SET data_version = data_version + 1 WHERE id IN (OLD.company_id, NEW.company_id);
  ELSE
    UPDATE companies SET data_version = data_version + 1 WHERE id = OLD.company_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER absences_company_version_insert AFTER INSERT ON absences FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER absences_company_version_update AFTER UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER absences_company_version_delete AFTER DELETE ON absences FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER employees_company_version_insert AFTER INSERT ON employees FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER employees_company_version_update AFTER UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER employees_company_version_delete AFTER DELETE ON employees FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER documents_company_version_insert AFTER INSERT ON documents FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER documents_company_version_update AFTER UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER documents_company_version_delete AFTER DELETE ON documents FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER paragraph56_agreements_company_version_insert AFTER INSERT ON paragraph56_agreements FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER paragraph56_agreements_company_version_update AFTER UPDATE ON paragraph56_agreements FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER paragraph56_agreements_company_version_delete AFTER DELETE ON paragraph56_agreements FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER social_chapter_records_company_version_insert AFTER INSERT ON social_chapter_records FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER social_chapter_records_company_version_update AFTER UPDATE ON social_chapter_records FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER social_chapter_records_company_version_delete AFTER DELETE ON social_chapter_records FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER mulighedserklaeringer_company_version_insert AFTER INSERT ON mulighedserklaeringer FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER mulighedserklaeringer_company_version_update AFTER UPDATE ON mulighedserklaeringer FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint
CREATE TRIGGER mulighedserklaeringer_company_version_delete AFTER DELETE ON mulighedserklaeringer FOR EACH ROW EXECUTE FUNCTION fasthold_company_version();
--> statement-breakpoint

-- The employee's municipality copied onto absences (SQLite 0011) and submissions (0017), for
-- absences_open_municipality_idx and submissions_owner_inbox_idx.
CREATE FUNCTION absences_employee_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_code integer := (SELECT municipality_code FROM employees WHERE id = NEW.employee_id);
BEGIN
  IF NEW.employee_municipality_code IS DISTINCT FROM current_code THEN
    UPDATE absences SET employee_municipality_code = current_code WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER absences_employee_municipality_insert AFTER INSERT ON absences FOR EACH ROW EXECUTE FUNCTION absences_employee_municipality();
--> statement-breakpoint
CREATE TRIGGER absences_employee_municipality_update AFTER UPDATE OF employee_id, employee_municipality_code ON absences FOR EACH ROW EXECUTE FUNCTION absences_employee_municipality();
--> statement-breakpoint
CREATE FUNCTION employees_municipality_to_absences() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE absences SET employee_municipality_code = NEW.municipality_code WHERE employee_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employees_municipality_to_absences AFTER UPDATE OF municipality_code ON employees FOR EACH ROW
  WHEN (NEW.municipality_code IS DISTINCT FROM OLD.municipality_code) EXECUTE FUNCTION employees_municipality_to_absences();
--> statement-breakpoint
CREATE FUNCTION submissions_employee_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_code integer := (SELECT municipality_code FROM employees WHERE id = NEW.employee_id);
BEGIN
  IF NEW.employee_municipality_code IS DISTINCT FROM current_code THEN
    UPDATE submissions SET employee_municipality_code = current_code WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER submissions_employee_municipality_insert AFTER INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_employee_municipality();
--> statement-breakpoint
CREATE TRIGGER submissions_employee_municipality_update AFTER UPDATE OF employee_id, employee_municipality_code ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_employee_municipality();
--> statement-breakpoint
CREATE FUNCTION employees_municipality_to_submissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE submissions SET employee_municipality_code = NEW.municipality_code WHERE employee_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employees_municipality_to_submissions AFTER UPDATE OF municipality_code ON employees FOR EACH ROW
  WHEN (NEW.municipality_code IS DISTINCT FROM OLD.municipality_code) EXECUTE FUNCTION employees_municipality_to_submissions();
--> statement-breakpoint

-- Open absences counted per municipality (SQLite 0012). One difference in form, none in result:
-- SQLite fires a row's triggers newest first, PostgreSQL in order of name, so for an absence
-- inserted with a wrong municipality PostgreSQL runs the correction (absences_employee_municipality_insert,
-- whose update takes one off the wrong code) before absences_open_count_insert has counted it.
-- The decrement therefore makes a missing row -1, which the count then brings to 0, as in SQLite.
-- Otherwise a decrement always finds its row: it undoes an increment made earlier.
CREATE FUNCTION absences_open_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.returned_on IS NULL AND OLD.employee_municipality_code IS NOT NULL THEN
    INSERT INTO municipality_open_absences AS m (municipality_code, open_absences) VALUES (OLD.employee_municipality_code, -1)
      ON CONFLICT (municipality_code) DO UPDATE SET open_absences = m.open_absences - 1;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.returned_on IS NULL AND NEW.employee_municipality_code IS NOT NULL THEN
    INSERT INTO municipality_open_absences AS m (municipality_code, open_absences) VALUES (NEW.employee_municipality_code, 1)
      ON CONFLICT (municipality_code) DO UPDATE SET open_absences = m.open_absences + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER absences_open_count_insert AFTER INSERT ON absences FOR EACH ROW
  WHEN (NEW.returned_on IS NULL AND NEW.employee_municipality_code IS NOT NULL) EXECUTE FUNCTION absences_open_count();
--> statement-breakpoint
CREATE TRIGGER absences_open_count_update AFTER UPDATE OF returned_on, employee_municipality_code ON absences FOR EACH ROW EXECUTE FUNCTION absences_open_count();
--> statement-breakpoint
CREATE TRIGGER absences_open_count_delete AFTER DELETE ON absences FOR EACH ROW
  WHEN (OLD.returned_on IS NULL AND OLD.employee_municipality_code IS NOT NULL) EXECUTE FUNCTION absences_open_count();
--> statement-breakpoint

-- Municipality data versions (SQLite 0014, partly re-created in 0017): each distinct code once per row written.
CREATE FUNCTION fasthold_bump_municipality_versions(codes integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO municipality_data_versions AS v (municipality_code, version)
    SELECT DISTINCT code, 1 FROM unnest(codes) AS code WHERE code IS NOT NULL
    ON CONFLICT (municipality_code) DO UPDATE SET version = v.version + 1;
$$;
--> statement-breakpoint
CREATE FUNCTION submissions_municipality_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[NEW.municipality_code, NEW.employee_municipality_code]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.municipality_code, NEW.municipality_code, OLD.employee_municipality_code, NEW.employee_municipality_code]);
  ELSE
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.municipality_code, OLD.employee_municipality_code]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER submissions_municipality_version_insert AFTER INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_municipality_version();
--> statement-breakpoint
CREATE TRIGGER submissions_municipality_version_update AFTER UPDATE ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_municipality_version();
--> statement-breakpoint
CREATE TRIGGER submissions_municipality_version_delete AFTER DELETE ON submissions FOR EACH ROW EXECUTE FUNCTION submissions_municipality_version();
--> statement-breakpoint
CREATE FUNCTION absences_municipality_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[NEW.employee_municipality_code]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.employee_municipality_code, NEW.employee_municipality_code]
      || ARRAY(SELECT municipality_code FROM submissions WHERE absence_id IN (OLD.id, NEW.id))
      || ARRAY(SELECT employee_municipality_code FROM submissions WHERE absence_id IN (OLD.id, NEW.id)));
  ELSE
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.employee_municipality_code]
      || ARRAY(SELECT municipality_code FROM submissions WHERE absence_id = OLD.id)
      || ARRAY(SELECT employee_municipality_code FROM submissions WHERE absence_id = OLD.id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER absences_municipality_version_insert AFTER INSERT ON absences FOR EACH ROW EXECUTE FUNCTION absences_municipality_version();
--> statement-breakpoint
CREATE TRIGGER absences_municipality_version_update AFTER UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION absences_municipality_version();
--> statement-breakpoint
CREATE TRIGGER absences_municipality_version_delete AFTER DELETE ON absences FOR EACH ROW EXECUTE FUNCTION absences_municipality_version();
--> statement-breakpoint
CREATE FUNCTION employees_municipality_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.municipality_code, NEW.municipality_code]
      || ARRAY(SELECT municipality_code FROM submissions WHERE employee_id IN (OLD.id, NEW.id)));
  ELSE
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.municipality_code]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employees_municipality_version_update AFTER UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION employees_municipality_version();
--> statement-breakpoint
CREATE TRIGGER employees_municipality_version_delete AFTER DELETE ON employees FOR EACH ROW EXECUTE FUNCTION employees_municipality_version();
--> statement-breakpoint
CREATE FUNCTION employee_moves_municipality_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[NEW.from_municipality_code, NEW.to_municipality_code]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.from_municipality_code, OLD.to_municipality_code, NEW.from_municipality_code, NEW.to_municipality_code]);
  ELSE
    PERFORM fasthold_bump_municipality_versions(ARRAY[OLD.from_municipality_code, OLD.to_municipality_code]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employee_moves_municipality_version_insert AFTER INSERT ON employee_moves FOR EACH ROW EXECUTE FUNCTION employee_moves_municipality_version();
--> statement-breakpoint
CREATE TRIGGER employee_moves_municipality_version_update AFTER UPDATE ON employee_moves FOR EACH ROW EXECUTE FUNCTION employee_moves_municipality_version();
--> statement-breakpoint
CREATE TRIGGER employee_moves_municipality_version_delete AFTER DELETE ON employee_moves FOR EACH ROW EXECUTE FUNCTION employee_moves_municipality_version();
--> statement-breakpoint
CREATE FUNCTION companies_municipality_version_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fasthold_bump_municipality_versions(
    ARRAY(SELECT municipality_code FROM submissions WHERE company_id = NEW.id)
    || ARRAY(SELECT employee_municipality_code FROM submissions WHERE company_id = NEW.id)
    || ARRAY(SELECT employee_municipality_code FROM absences WHERE company_id = NEW.id AND returned_on IS NULL));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER companies_municipality_version_identity AFTER UPDATE OF name, cvr ON companies FOR EACH ROW
  WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.cvr IS DISTINCT FROM OLD.cvr) EXECUTE FUNCTION companies_municipality_version_identity();
--> statement-breakpoint

-- Statistics block versions (SQLite 0032): a company's employees and absences by block of 1,024 employee ids.
CREATE FUNCTION fasthold_bump_statistics_blocks(company_ids integer[], blocks integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO statistics_block_versions AS v (company_id, block, version)
    SELECT DISTINCT c, b, 1 FROM unnest(company_ids, blocks) AS u(c, b)
    ON CONFLICT (company_id, block) DO UPDATE SET version = v.version + 1;
$$;
--> statement-breakpoint
CREATE FUNCTION absences_statistics_block() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fasthold_bump_statistics_blocks(ARRAY[NEW.company_id], ARRAY[NEW.employee_id >> 10]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_statistics_blocks(ARRAY[OLD.company_id, NEW.company_id], ARRAY[OLD.employee_id >> 10, NEW.employee_id >> 10]);
  ELSE
    PERFORM fasthold_bump_statistics_blocks(ARRAY[OLD.company_id], ARRAY[OLD.employee_id >> 10]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER absences_statistics_block_insert AFTER INSERT ON absences FOR EACH ROW EXECUTE FUNCTION absences_statistics_block();
--> statement-breakpoint
CREATE TRIGGER absences_statistics_block_update AFTER UPDATE ON absences FOR EACH ROW EXECUTE FUNCTION absences_statistics_block();
--> statement-breakpoint
CREATE TRIGGER absences_statistics_block_delete AFTER DELETE ON absences FOR EACH ROW EXECUTE FUNCTION absences_statistics_block();
--> statement-breakpoint
CREATE FUNCTION employees_statistics_block() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM fasthold_bump_statistics_blocks(ARRAY[NEW.company_id], ARRAY[NEW.id >> 10]);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM fasthold_bump_statistics_blocks(ARRAY[OLD.company_id, NEW.company_id], ARRAY[OLD.id >> 10, NEW.id >> 10]);
  ELSE
    PERFORM fasthold_bump_statistics_blocks(ARRAY[OLD.company_id], ARRAY[OLD.id >> 10]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER employees_statistics_block_insert AFTER INSERT ON employees FOR EACH ROW EXECUTE FUNCTION employees_statistics_block();
--> statement-breakpoint
CREATE TRIGGER employees_statistics_block_update AFTER UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION employees_statistics_block();
--> statement-breakpoint
CREATE TRIGGER employees_statistics_block_delete AFTER DELETE ON employees FOR EACH ROW EXECUTE FUNCTION employees_statistics_block();
--> statement-breakpoint

-- The audit log's scope columns (SQLite 0018). SQLite updates the new row after its insert; here a
-- BEFORE trigger fills the same values into the row being inserted (no trigger watches audit_log
-- updates, so the stored row and everything else end up the same, without a second write).
CREATE FUNCTION audit_log_scope_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity bigint := fasthold_sqlite_integer(NEW.entity_id);
  company integer;
  employee integer;
BEGIN
  company := COALESCE(NEW.company_id, CASE NEW.entity_type
      WHEN 'employee' THEN (SELECT company_id FROM employees WHERE id = entity)
      WHEN 'absence' THEN (SELECT company_id FROM absences WHERE id = entity)
      WHEN 'document' THEN (SELECT company_id FROM documents WHERE id = entity)
      WHEN 'submission' THEN (SELECT company_id FROM submissions WHERE id = entity)
      WHEN 'paragraph56' THEN (SELECT company_id FROM paragraph56_agreements WHERE id = entity)
      WHEN 'social-chapter' THEN (SELECT company_id FROM social_chapter_records WHERE id = entity)
      WHEN 'company' THEN entity
    END,
    (SELECT company_id FROM users WHERE id = NEW.user_id));
  employee := COALESCE(NEW.employee_id, CASE NEW.entity_type
      WHEN 'employee' THEN entity
      WHEN 'absence' THEN (SELECT employee_id FROM absences WHERE id = entity)
      WHEN 'document' THEN (SELECT employee_id FROM documents WHERE id = entity)
      WHEN 'submission' THEN (SELECT employee_id FROM submissions WHERE id = entity)
      WHEN 'paragraph56' THEN (SELECT employee_id FROM paragraph56_agreements WHERE id = entity)
      WHEN 'social-chapter' THEN (SELECT employee_id FROM social_chapter_records WHERE id = entity)
    END);
  NEW.company_id := company;
  NEW.employee_id := employee;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_scope_insert BEFORE INSERT ON audit_log FOR EACH ROW
  WHEN (NEW.company_id IS NULL OR NEW.employee_id IS NULL) EXECUTE FUNCTION audit_log_scope_insert();
