ALTER TABLE `audit_log` ADD `company_id` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `employee_id` integer;--> statement-breakpoint
CREATE INDEX `audit_company_idx` ON `audit_log` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_company_employee_idx` ON `audit_log` (`company_id`,`employee_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `submissions` ADD `employee_municipality_code` integer;--> statement-breakpoint
CREATE INDEX `submissions_owner_inbox_idx` ON `submissions` (`employee_municipality_code`,`received_on`,`status`,`type`);