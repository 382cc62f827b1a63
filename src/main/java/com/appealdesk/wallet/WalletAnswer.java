package com.appealdesk.wallet;

import com.appealdesk.restriction.AccountAccess;
import java.time.Instant;

/**
 * What the wallet said of the account when it applied an instruction: its access, and when that access began by
 * the wallet's clock ({@code changedAt}, null when the wallet does not say). {@code askedAt} is when we first
 * prepared the instruction: a wallet that applied it and then lost its answer replays that first answer on the
 * retry, however long ago it was and whatever the wallet reported since.
 */
public record WalletAnswer(AccountAccess access, Instant changedAt, Instant askedAt) {
}
