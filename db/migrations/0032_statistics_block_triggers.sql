-- statistics_block_versions.version changes with every write to what the statistics page counts
-- (app/models/statistics.server.ts): a company's employees and their absences, by block of 1,024
-- consecutive employee ids (employee id >> 10, STATISTICS_BLOCK_BITS there). Bumped in the writer's
-- transaction whatever code path or process writes; an update bumps the old and the new block, so a
-- case moved to another employee or company leaves both stale. The page recomputes only the blocks
-- whose version changed since it computed them.
CREATE TRIGGER `absences_statistics_block_insert` AFTER INSERT ON `absences`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    VALUES (NEW.`company_id`, NEW.`employee_id` >> 10, 1)
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_statistics_block_update` AFTER UPDATE ON `absences`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    SELECT `company_id`, `block`, 1 FROM (SELECT OLD.`company_id` AS `company_id`, OLD.`employee_id` >> 10 AS `block`
      UNION SELECT NEW.`company_id`, NEW.`employee_id` >> 10) WHERE true
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_statistics_block_delete` AFTER DELETE ON `absences`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    VALUES (OLD.`company_id`, OLD.`employee_id` >> 10, 1)
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_statistics_block_insert` AFTER INSERT ON `employees`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    VALUES (NEW.`company_id`, NEW.`id` >> 10, 1)
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_statistics_block_update` AFTER UPDATE ON `employees`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    SELECT `company_id`, `block`, 1 FROM (SELECT OLD.`company_id` AS `company_id`, OLD.`id` >> 10 AS `block`
      UNION SELECT NEW.`company_id`, NEW.`id` >> 10) WHERE true
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_statistics_block_delete` AFTER DELETE ON `employees`
BEGIN
  INSERT INTO `statistics_block_versions` (`company_id`, `block`, `version`)
    VALUES (OLD.`company_id`, OLD.`id` >> 10, 1)
    ON CONFLICT (`company_id`, `block`) DO UPDATE SET `version` = `version` + 1;
END;
