-- companies.data_version changes with every write to the rows a company's dashboard is
-- computed from, in the same transaction, whatever code path or process writes: a cached
-- dashboard compares it and never outlives the data it was computed from.
CREATE TRIGGER `absences_company_version_insert` AFTER INSERT ON `absences`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_company_version_update` AFTER UPDATE ON `absences`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `absences_company_version_delete` AFTER DELETE ON `absences`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_company_version_insert` AFTER INSERT ON `employees`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_company_version_update` AFTER UPDATE ON `employees`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `employees_company_version_delete` AFTER DELETE ON `employees`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_company_version_insert` AFTER INSERT ON `documents`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_company_version_update` AFTER UPDATE ON `documents`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `documents_company_version_delete` AFTER DELETE ON `documents`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `paragraph56_agreements_company_version_insert` AFTER INSERT ON `paragraph56_agreements`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `paragraph56_agreements_company_version_update` AFTER UPDATE ON `paragraph56_agreements`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `paragraph56_agreements_company_version_delete` AFTER DELETE ON `paragraph56_agreements`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `social_chapter_records_company_version_insert` AFTER INSERT ON `social_chapter_records`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `social_chapter_records_company_version_update` AFTER UPDATE ON `social_chapter_records`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `social_chapter_records_company_version_delete` AFTER DELETE ON `social_chapter_records`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `mulighedserklaeringer_company_version_insert` AFTER INSERT ON `mulighedserklaeringer`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `mulighedserklaeringer_company_version_update` AFTER UPDATE ON `mulighedserklaeringer`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` IN (OLD.`company_id`, NEW.`company_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `mulighedserklaeringer_company_version_delete` AFTER DELETE ON `mulighedserklaeringer`
BEGIN
  UPDATE `companies` SET `data_version` = `data_version` + 1 WHERE `id` = OLD.`company_id`;
END;
