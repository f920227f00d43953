-- The social-chapter log is evidence of a real attempt (LAB § 119): entries are never changed or deleted.
CREATE TRIGGER `social_chapter_log_no_update` BEFORE UPDATE ON `social_chapter_log`
BEGIN
  SELECT RAISE(ABORT, 'social_chapter_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `social_chapter_log_no_delete` BEFORE DELETE ON `social_chapter_log`
BEGIN
  SELECT RAISE(ABORT, 'social_chapter_log is append-only');
END;
