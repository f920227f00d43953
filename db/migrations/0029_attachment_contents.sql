CREATE TABLE `attachment_contents` (
	`attachment_id` integer PRIMARY KEY NOT NULL,
	`bytes` blob NOT NULL,
	FOREIGN KEY (`attachment_id`) REFERENCES `document_attachments`(`id`) ON UPDATE no action ON DELETE cascade
);
