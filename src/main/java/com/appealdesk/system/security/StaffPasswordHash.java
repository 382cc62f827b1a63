package com.appealdesk.system.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * Staff passwords as the engine stores them: PBKDF2 with HMAC-SHA256, a random 16-byte salt per hash and the
 * iteration count kept with it ({@code {PBKDF2-SHA256}600000$salt$hash}), instead of the engine's default of one
 * round of salted SHA-512, which a stolen user table gives up quickly.
 * <p>
 * A slow hash would make every call of the engine API with Basic credentials slow, so a check that succeeded is
 * remembered for a while: by an HMAC, under a key drawn when the node starts, of the password and the stored hash
 * together. The same password against the same stored hash is then answered without deriving again; a changed
 * password has a new stored hash and is derived again; a wrong password is never remembered. Neither the password
 * nor anything derived from it without that key is kept.
 * <p>
 * Each check that is not remembered costs a derivation, so at most as many run at once as the node has cores, and a
 * check that waits longer than {@link #SLOT_WAIT_SECONDS} s for one is refused: a flood of wrong passwords from many
 * addresses cannot hold every request thread and database connection. Before it waits, a check is admitted or
 * refused by a {@link Budget} (the address throttle's, {@link PendingGuesses}).
 * A stored hash asking for more than {@link #MAX_ITERATIONS} iterations is refused rather than derived.
 */
public class StaffPasswordHash implements PasswordEncryptor {

    public static final String ALGORITHM = "PBKDF2-SHA256";
    public static final int MAX_ITERATIONS = 10_000_000;
    static final int SLOT_WAIT_SECONDS = 2;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final long rememberNanos;
    private final int capacity;
    private final SecureRandom random = new SecureRandom();
    private final byte[] rememberKey = new byte[32];
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();
    private final AtomicLong derivations = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private final Semaphore slots;
    private final long slotWaitMillis;
    private final byte[] unknownUserSalt = new byte[SALT_BYTES];
    private final Budget budget;
    private final ThreadLocal<Boolean> slotHeld = new ThreadLocal<>();

    /** Who may have a password check worked out, and what the checks came to; by default, anyone, and nothing kept. */
    public interface Budget {
        /** Before a check that has to be worked out: false refuses it without making it. */
        default boolean admit() {
            return true;
        }

        /** Before a right password remembered is answered: false refuses it. */
        default boolean admitRemembered() {
            return true;
        }

        /** An admitted check found no free slot in time and is refused unmade. */
        default void busy() {
        }

        /** A password check of this user came to this answer. */
        default void checked(String userId, boolean right) {
        }
    }

    private static final Budget UNLIMITED = new Budget() { };

    public StaffPasswordHash(int iterations, Duration rememberFor, int capacity) {
        this(iterations, rememberFor, capacity, UNLIMITED);
    }

    /** @param budget asked before each derivation (when it says no, the check is refused without deriving) */
    public StaffPasswordHash(int iterations, Duration rememberFor, int capacity, Budget budget) {
        this(iterations, rememberFor, capacity, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(SLOT_WAIT_SECONDS), budget);
    }

    StaffPasswordHash(int iterations, Duration rememberFor, int capacity, int slots, Duration slotWait) {
        this(iterations, rememberFor, capacity, slots, slotWait, UNLIMITED);
    }

    StaffPasswordHash(int iterations, Duration rememberFor, int capacity, int slots, Duration slotWait, Budget budget) {
        this.budget = budget;
        this.slots = new Semaphore(Math.max(1, slots));
        this.slotWaitMillis = slotWait.toMillis();
        if (iterations < 1) {
            throw new IllegalArgumentException("password hash iterations must be positive, got " + iterations);
        }
        this.iterations = iterations;
        this.rememberNanos = rememberFor.toNanos();
        this.capacity = capacity;
        random.nextBytes(rememberKey);
        random.nextBytes(unknownUserSalt);
    }

    @Override
    public String hashAlgorithmName() {
        return ALGORITHM;
    }

    @Override
    public String encrypt(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(derive(password, salt, iterations));
    }

    @Override
    public boolean check(String password, String encrypted) {
        if (password == null || encrypted == null) {
            return false;
        }
        String fingerprint = fingerprint(password, encrypted);
        Long until = remembered.get(fingerprint);
        if (until != null && until - System.nanoTime() > 0) {
            return budget.admitRemembered();
        }
        String[] parts = encrypted.split("\\$");
        if (parts.length != 3) {
            return false;
        }
        boolean matches;
        try {
            int storedIterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            if (storedIterations < 1 || storedIterations > MAX_ITERATIONS) {
                return false;
            }
            byte[] derived = deriveInSlot(password, salt, storedIterations);
            matches = derived != null && MessageDigest.isEqual(derived, expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (matches && rememberNanos > 0) {
            remember(fingerprint);
        }
        return matches;
    }

    /**
     * Whether a password stored in this form (as the engine keeps it, {@code {ALGORITHM}iterations$salt$key}) is
     * stored the way this node stores new ones: this hash with at least the configured iterations. A right password
     * stored otherwise is stored again at login.
     */
    public boolean isCurrent(String stored) {
        return storedIterations(stored) >= iterations;
    }

    /** The iterations of a password stored with this hash (as the engine keeps it), or 0 when stored another way. */
    private static int storedIterations(String stored) {
        String prefix = "{" + ALGORITHM + "}";
        int end = stored == null || !stored.startsWith(prefix) ? -1 : stored.indexOf('$', prefix.length());
        try {
            return end < 0 ? 0 : Math.max(0, Integer.parseInt(stored.substring(prefix.length(), end)));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** Before a check of a password stored another way (an older hash): false refuses it without making it. */
    public boolean admit() {
        return budget.admit();
    }

    /** The answer a password check of this user came to, whatever hash it was stored with. */
    public void checked(String userId, boolean right) {
        budget.checked(userId, right);
    }

    /**
     * Spends what checking a password costs, for a login whose user does not exist, so that a refusal takes as long
     * whether or not the user id is known (the engine checks a known user's password with its salt appended, so an
     * empty password costs a derivation there too).
     */
    public void spendCheck(String password) {
        spendRounds(password, iterations);
    }

    /**
     * After a wrong password was checked against a hash stored another way: spends what is missing to a check of this
     * node's, so that the refusal takes as long as for a user whose password is stored the current way (a quick old
     * hash: a whole derivation; this hash with fewer iterations: the iterations it lacks).
     */
    public void spendRemaining(String password, String stored) {
        int done = storedIterations(stored);
        if (done < iterations) {
            spendRounds(password, iterations - done);
        }
    }

    private void spendRounds(String password, int rounds) {
        if (password != null) {
            try {
                deriveInSlot(password + "{}", unknownUserSalt, rounds);
            } catch (IllegalArgumentException underivable) {
                // refused all the same
            }
        }
    }

    /** How many times a key was derived (tests: whether a check was answered from memory). */
    long derivations() {
        return derivations.get();
    }

    /** How many iterations those derivations took in all (tests: what a refusal cost). */
    long rounds() {
        return rounds.get();
    }

    private void remember(String fingerprint) {
        if (remembered.size() >= capacity) {
            long now = System.nanoTime();
            remembered.values().removeIf(until -> until - now <= 0);
            if (remembered.size() >= capacity) {
                remembered.clear();
            }
        }
        remembered.put(fingerprint, System.nanoTime() + rememberNanos);
    }

    /**
     * A derivation once one of the node's slots is free, or null (refused) when it is not admitted (the client's
     * address has as many checks pending as it may still fail, {@link PendingGuesses}) or after waiting too long for
     * a slot.
     */
    private byte[] deriveInSlot(String password, byte[] salt, int rounds) {
        if (!budget.admit()) {
            return null;
        }
        if (slotHeld.get() != null) {
            return derive(password, salt, rounds);
        }
        if (!takeSlot()) {
            return null;
        }
        try {
            return derive(password, salt, rounds);
        } finally {
            slots.release();
        }
    }

    /**
     * Runs a check of a password stored another way (an older hash) and its padding within one slot, taken before the
     * comparison: the answer is null, and nothing compared, when no slot came free in time (refused unmade), so that a
     * busy node does not answer a comparison it then reports as unmade.
     */
    public Boolean checkInSlot(BooleanSupplier check) {
        if (slotHeld.get() != null) {
            return check.getAsBoolean();
        }
        if (!takeSlot()) {
            return null;
        }
        slotHeld.set(Boolean.TRUE);
        try {
            return check.getAsBoolean();
        } finally {
            slotHeld.remove();
            slots.release();
        }
    }

    private boolean takeSlot() {
        try {
            if (slots.tryAcquire(slotWaitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        budget.busy();
        return false;
    }

    private byte[] derive(String password, byte[] salt, int rounds) {
        derivations.incrementAndGet();
        this.rounds.addAndGet(rounds);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("cannot derive from this password and salt", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private String fingerprint(String password, String encrypted) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rememberKey, "HmacSHA256"));
            mac.update(encrypted.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
