package com.appealdesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StaffPasswordHashTest {

    private final StaffPasswordHash hash = new StaffPasswordHash(1_000, Duration.ofMinutes(5), 100);

    @Test
    void aStoredPasswordIsSaltedDerivedAndChecked() {
        String stored = hash.encrypt("correct horse");

        String[] parts = stored.split("\\$");
        assertThat(parts[0]).isEqualTo("1000");
        assertThat(Base64.getDecoder().decode(parts[1])).as("salt").hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[2])).as("derived key").hasSize(32);
        assertThat(hash.encrypt("correct horse")).as("a fresh salt each time").isNotEqualTo(stored);
        assertThat(hash.check("correct horse", stored)).isTrue();
        assertThat(hash.check("correct horsE", stored)).isFalse();
        assertThat(hash.check("", stored)).isFalse();
    }

    @Test
    void theIterationsAreReadFromTheStoredHashNotFromTheSetting() {
        String stored = new StaffPasswordHash(2_000, Duration.ZERO, 100).encrypt("correct horse");

        assertThat(stored).startsWith("2000$");
        assertThat(hash.check("correct horse", stored)).isTrue();
    }

    @Test
    void onlyThisHashWithAtLeastTheNodesIterationsIsCurrent() {
        String prefix = "{" + StaffPasswordHash.ALGORITHM + "}";
        assertThat(hash.isCurrent(prefix + hash.encrypt("correct horse"))).isTrue();
        assertThat(hash.isCurrent(prefix + new StaffPasswordHash(2_000, Duration.ZERO, 100).encrypt("correct horse"))).isTrue();
        assertThat(hash.isCurrent(prefix + new StaffPasswordHash(999, Duration.ZERO, 100).encrypt("correct horse")))
                .as("fewer iterations than the node's").isFalse();
        assertThat(hash.isCurrent("{SHA-512}" + "a".repeat(88))).isFalse();
        assertThat(hash.isCurrent(hash.encrypt("correct horse"))).as("without the engine's prefix").isFalse();
        assertThat(hash.isCurrent(prefix + "many$salt$key")).isFalse();
        assertThat(hash.isCurrent(null)).isFalse();
    }

    @Test
    void whatAWrongPasswordAgainstAnotherHashStillCostsIsWhatItLacksOfACurrentCheck() {
        String prefix = "{" + StaffPasswordHash.ALGORITHM + "}";
        long before = hash.rounds();
        hash.spendRemaining("a guess", "{SHA-512}" + "a".repeat(88));
        assertThat(hash.rounds() - before).as("a quick hash: a whole derivation").isEqualTo(1_000);
        hash.spendRemaining("a guess", prefix + new StaffPasswordHash(400, Duration.ZERO, 100).encrypt("x"));
        assertThat(hash.rounds() - before).as("400 iterations: the 600 they lack").isEqualTo(1_600);
        hash.spendRemaining("a guess", prefix + hash.encrypt("x"));
        assertThat(hash.rounds() - before).as("as many: nothing (the encrypt above: 1,000)").isEqualTo(2_600);
        hash.spendCheck("");
        assertThat(hash.rounds() - before).as("an empty password too").isEqualTo(3_600);
    }

    @Test
    void aRightPasswordIsRememberedForTheSameStoredHashOnly() {
        String stored = hash.encrypt("correct horse");
        long before = hash.derivations();

        assertThat(hash.check("correct horse", stored)).isTrue();
        assertThat(hash.check("correct horse", stored)).isTrue();
        assertThat(hash.derivations() - before).as("the second check answered from memory").isEqualTo(1);

        assertThat(hash.check("wrong", stored)).as("a wrong password after a right one").isFalse();
        assertThat(hash.check("wrong", stored)).isFalse();
        assertThat(hash.derivations() - before).as("a wrong password is derived every time").isEqualTo(3);

        String changed = hash.encrypt("correct horse");
        long afterChange = hash.derivations();
        assertThat(hash.check("correct horse", changed)).isTrue();
        assertThat(hash.derivations() - afterChange).as("a new stored hash is derived again").isEqualTo(1);
    }

    @Test
    void nothingIsRememberedWhenTheWindowIsZero() {
        StaffPasswordHash forgetful = new StaffPasswordHash(1_000, Duration.ZERO, 100);
        String stored = forgetful.encrypt("correct horse");
        long before = forgetful.derivations();

        assertThat(forgetful.check("correct horse", stored)).isTrue();
        assertThat(forgetful.check("correct horse", stored)).isTrue();
        assertThat(forgetful.derivations() - before).isEqualTo(2);
    }

    @Test
    void aFullMemoryStartsOverRatherThanGrowing() {
        StaffPasswordHash small = new StaffPasswordHash(1_000, Duration.ofMinutes(5), 2);
        String first = small.encrypt("one");
        assertThat(small.check("one", first)).isTrue();
        assertThat(small.check("two", small.encrypt("two"))).isTrue();
        assertThat(small.check("three", small.encrypt("three"))).as("the third clears the memory").isTrue();
        long before = small.derivations();

        assertThat(small.check("one", first)).isTrue();
        assertThat(small.derivations() - before).as("forgotten, derived again").isEqualTo(1);
    }

    @Test
    void aMalformedStoredHashIsARefusalNotAnError() {
        assertThat(hash.check("correct horse", "not-a-hash")).isFalse();
        assertThat(hash.check("correct horse", "x$AAAA$AAAA")).isFalse();
        assertThat(hash.check("correct horse", "0$AAAA$AAAA")).isFalse();
        assertThat(hash.check("correct horse", "1000$%%%$AAAA")).isFalse();
        assertThat(hash.check("correct horse", "1000$$AAAA")).as("no salt").isFalse();
        assertThat(hash.check(null, hash.encrypt("x"))).isFalse();
    }

    @Test
    void aStoredHashAskingForMoreThanTheMostIterationsIsRefusedWithoutDeriving() {
        long before = hash.derivations();

        assertThat(hash.check("correct horse", (StaffPasswordHash.MAX_ITERATIONS + 1) + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")).isFalse();
        assertThat(hash.check("correct horse", Integer.MAX_VALUE + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")).isFalse();
        assertThat(hash.derivations()).isEqualTo(before);
    }

    @Test
    void aLoginForAnUnknownUserCostsOneDerivation() {
        long before = hash.derivations();

        hash.spendCheck("a guess");
        hash.spendCheck("");
        hash.spendCheck(null);

        assertThat(hash.derivations() - before).as("a guess and an empty one derived, nothing without a password").isEqualTo(2);
    }

    @Test
    void aCheckThatFindsEverySlotTakenIsRefusedWithoutDeriving() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        StaffPasswordHash.Budget budget = new StaffPasswordHash.Budget() {
            @Override
            public void busy() {
                told.add("busy");
            }
        };
        StaffPasswordHash oneSlot = new StaffPasswordHash(1_000, Duration.ofMinutes(5), 100, 1, Duration.ofMillis(100), budget);
        String stored = oneSlot.encrypt("correct horse");
        String slow = StaffPasswordHash.MAX_ITERATIONS + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAA";
        long before = oneSlot.derivations();
        // a derivation of the most iterations takes seconds and holds the only slot meanwhile
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> oneSlot.check("a guess", slow));
        while (oneSlot.derivations() == before) {
            Thread.sleep(5);
        }

        assertThat(oneSlot.check("correct horse", stored)).as("no slot within 100 ms").isFalse();
        assertThat(oneSlot.derivations() - before).as("only the holder derived").isEqualTo(1);
        assertThat(told).as("the budget told it was refused unmade, so that it is not a failure").containsExactly("busy");
        // a password stored with an old hash is compared only within a slot, so a busy node compares nothing
        AtomicBoolean compared = new AtomicBoolean();
        assertThat(oneSlot.checkInSlot(() -> compared.getAndSet(true))).as("no slot: no answer").isNull();
        assertThat(compared).isFalse();
        assertThat(told).containsExactly("busy", "busy");
        assertThat(holder.get(60, TimeUnit.SECONDS)).isFalse();
        assertThat(oneSlot.check("correct horse", stored)).as("a free slot again").isTrue();
        assertThat(oneSlot.checkInSlot(() -> !compared.getAndSet(true))).isTrue();
        assertThat(compared).isTrue();
    }
}
