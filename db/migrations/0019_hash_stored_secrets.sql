-- Session ids and calendar tokens are kept only as their SHA-256 (hex, 64 characters): the
-- cookie and the feed's URL carry the secret. Existing rows are converted, so signed-in users
-- stay signed in and subscribed calendars keep working. sha256_hex is registered on the
-- connection (db/client.server.ts registerSqlFunctions). A stored id was 43 characters
-- (session) or 32 (calendar token), never 64, so a row already hashed is left alone.
UPDATE sessions SET id = sha256_hex(id) WHERE length(id) <> 64;
--> statement-breakpoint
UPDATE calendar_feeds SET token = sha256_hex(token) WHERE length(token) <> 64;
--> statement-breakpoint
-- Reset and invitation links in messages already sent or given up are cut out of the bodies
-- (app/models/mail-content.server.ts redactLinks does the same for new messages).
UPDATE outbox SET body = redact_links(body) WHERE kind IN ('invitation', 'password-reset') AND (sent_at IS NOT NULL OR failed_at IS NOT NULL);
