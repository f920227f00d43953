-- municipality_open_absences counts the open absences by absences.employee_municipality_code,
-- kept in the writer's transaction by these triggers whatever code path writes. An absence
-- is inserted before its municipality is copied onto it: the copy is an update, counted here.
INSERT INTO `municipality_open_absences` (`municipality_code`, `open_absences`)
  SELECT `employee_municipality_code`, count(*) FROM `absences`
  WHERE `returned_on` IS NULL AND `employee_municipality_code` IS NOT NULL
  GROUP BY `employee_municipality_code`;
--> statement-breakpoint
CREATE TRIGGER `absences_open_count_insert` AFTER INSERT ON `absences`
WHEN NEW.`returned_on` IS NULL AND NEW.`employee_municipality_code` IS NOT NULL
BEGIN
  INSERT INTO `municipality_open_absences` (`municipality_code`, `open_absences`) VALUES (NEW.`employee_municipality_code`, 1)
    ON CONFLICT (`municipality_code`) DO UPDATE SET `open_absences` = `open_absences` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_open_count_update` AFTER UPDATE OF `returned_on`, `employee_municipality_code` ON `absences`
BEGIN
  UPDATE `municipality_open_absences` SET `open_absences` = `open_absences` - 1
    WHERE `municipality_code` = OLD.`employee_municipality_code` AND OLD.`returned_on` IS NULL;
  INSERT INTO `municipality_open_absences` (`municipality_code`, `open_absences`)
    SELECT NEW.`employee_municipality_code`, 1 WHERE NEW.`returned_on` IS NULL AND NEW.`employee_municipality_code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `open_absences` = `open_absences` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_open_count_delete` AFTER DELETE ON `absences`
WHEN OLD.`returned_on` IS NULL AND OLD.`employee_municipality_code` IS NOT NULL
BEGIN
  UPDATE `municipality_open_absences` SET `open_absences` = `open_absences` - 1 WHERE `municipality_code` = OLD.`employee_municipality_code`;
END;
