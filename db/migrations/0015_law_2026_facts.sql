ALTER TABLE `absences` ADD `expected_back_within_26_weeks` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `absences` ADD `absence_reported_on` text;--> statement-breakpoint
ALTER TABLE `absences` ADD `absence_report_reference` text;--> statement-breakpoint
ALTER TABLE `absences` ADD `refund_requested_on` text;--> statement-breakpoint
ALTER TABLE `absences` ADD `refund_request_reference` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `employment_end_date` text;