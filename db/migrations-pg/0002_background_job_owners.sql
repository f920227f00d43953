ALTER TABLE "case_exports" ADD COLUMN "job_owner" text;--> statement-breakpoint
ALTER TABLE "case_exports" ADD COLUMN "heartbeat_at" text;--> statement-breakpoint
ALTER TABLE "employee_imports" ADD COLUMN "job_owner" text;--> statement-breakpoint
ALTER TABLE "employee_imports" ADD COLUMN "heartbeat_at" text;