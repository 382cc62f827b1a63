-- An instruction the wallet may or may not have applied (its answer lost, the retry still waiting) when the wallet
-- reported the account restored through the feed: the appeal closes as resolved by the wallet and the instruction's
-- job is cancelled. It was left "not applied" for ever; it is now marked superseded, with when.
alter table wallet_instruction add column superseded_at timestamptz;
