-- Imports confirmed before the status column existed are confirmed, not waiting for HR.
UPDATE `employee_imports` SET `status` = 'confirmed' WHERE `confirmed_at` IS NOT NULL;
