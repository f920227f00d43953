ALTER TABLE `companies` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `contact_email` text;--> statement-breakpoint
CREATE INDEX `absences_company_first_day_idx` ON `absences` (`company_id`,`first_absence_day`,`id`);