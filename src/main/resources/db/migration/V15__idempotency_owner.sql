-- Which request holds an Idempotency-Key: set when the key is first taken and again when an abandoned one is taken
-- over, so that only its holder completes or releases it (a slow first request can no longer release or overwrite the
-- request that took the key over). Rows from before hold none, and are completed or released as before.
alter table idempotent_request add column owner uuid;
