ALTER TABLE `social_chapter_log` ADD `redacted_at` text;--> statement-breakpoint
ALTER TABLE `social_chapter_log` ADD `redacted_by` integer REFERENCES users(id);