-- The wallet refused an instruction for good (409, 410, 422, or an answer giving the account less access than asked):
-- sending the same signed body again cannot change its answer. It was retried for more than a day before anyone
-- heard of it; it is now marked refused, with when, and never sent again under its key.
alter table wallet_instruction add column refused_at timestamptz;
