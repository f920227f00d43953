-- The log stays append-only (0003), with one exception: a redaction. An entry that turned out to hold
-- health information may have its text replaced once, recording who did it and when; nothing else about
-- the entry may change, and a redacted entry cannot be changed again. Deleting stays forbidden.
DROP TRIGGER `social_chapter_log_no_update`;
--> statement-breakpoint
CREATE TRIGGER `social_chapter_log_no_update` BEFORE UPDATE ON `social_chapter_log`
WHEN NOT (
  OLD.`redacted_at` IS NULL
  AND NEW.`redacted_at` IS NOT NULL
  AND NEW.`redacted_by` IS NOT NULL
  AND NEW.`text` IS NOT OLD.`text`
  AND NEW.`id` IS OLD.`id`
  AND NEW.`record_id` IS OLD.`record_id`
  AND NEW.`entry_date` IS OLD.`entry_date`
  AND NEW.`kind` IS OLD.`kind`
  AND NEW.`corrects_entry_id` IS OLD.`corrects_entry_id`
  AND NEW.`created_by` IS OLD.`created_by`
  AND NEW.`created_at` IS OLD.`created_at`
)
BEGIN
  SELECT RAISE(ABORT, 'social_chapter_log is append-only; only a redaction may replace an entry''s text');
END;
