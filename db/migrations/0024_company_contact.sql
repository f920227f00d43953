ALTER TABLE `companies` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `companies` ADD `contact_email` text;