CREATE TABLE `paragraph56_agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`kind` text NOT NULL,
	`effect_on_work` text NOT NULL,
	`expected_days_per_year` integer NOT NULL,
	`applied_on` text NOT NULL,
	`material_change` text,
	`renewal_of_id` integer,
	`document_id` integer,
	`approved_on` text,
	`valid_until` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `paragraph56_employee_idx` ON `paragraph56_agreements` (`employee_id`);--> statement-breakpoint
CREATE INDEX `paragraph56_company_idx` ON `paragraph56_agreements` (`company_id`);--> statement-breakpoint
ALTER TABLE `absences` ADD `paragraph56_agreement_id` integer;