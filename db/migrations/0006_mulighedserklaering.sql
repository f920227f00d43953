CREATE TABLE `document_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`kind` text NOT NULL,
	`storage_name` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_attachments_storage_name_unique` ON `document_attachments` (`storage_name`);--> statement-breakpoint
CREATE INDEX `document_attachments_document_idx` ON `document_attachments` (`document_id`);--> statement-breakpoint
CREATE TABLE `mulighedserklaeringer` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`doctor_deadline` text,
	`sent_to_doctor_on` text,
	`answered_on` text,
	`outcome` text,
	`expected_absence_duration` text,
	`doctor_remarks` text,
	`updated_at` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mulighedserklaeringer_document_id_unique` ON `mulighedserklaeringer` (`document_id`);--> statement-breakpoint
CREATE INDEX `mulighedserklaeringer_company_idx` ON `mulighedserklaeringer` (`company_id`,`status`);