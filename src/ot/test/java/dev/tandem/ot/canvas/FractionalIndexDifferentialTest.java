package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.OtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Java port of fractional indexing gives exactly the npm package's keys (and refuses what it
 * refuses), on seeded cases: lists grown by random inserts, keys at the extremes, swapped and
 * equal bounds, runs of n keys, and random strings to validate. All cases go to one node process.
 */
class FractionalIndexDifferentialTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long SEED = 20_240_917L;
    private static final String DIGITS = FractionalIndex.DIGITS;

    private final ArrayNode cases = MAPPER.createArrayNode();
    private final List<Supplier<Object>> javaAnswers = new ArrayList<>();

    @Test
    void portGivesThePackagesKeysOnSeededCases() throws Exception {
        Random r = new Random(SEED);
        List<String> pool = new ArrayList<>();
        growLists(r, pool);
        extremes(pool);
        for (int i = 0; i < 1_500; i++) {
            String a = r.nextInt(8) == 0 ? null : pool.get(r.nextInt(pool.size()));
            String b = r.nextInt(8) == 0 ? null : r.nextInt(10) == 0 ? a : pool.get(r.nextInt(pool.size()));
            between(a, b);
        }
        for (int i = 0; i < 300; i++) {
            String a = r.nextInt(4) == 0 ? null : pool.get(r.nextInt(pool.size()));
            String b = r.nextInt(4) == 0 ? null : pool.get(r.nextInt(pool.size()));
            if (a != null && b != null && a.compareTo(b) >= 0) {
                continue; // generateNKeysBetween needs a < b (it swaps only through its single-key calls)
            }
            nBetween(a, b, r.nextInt(25));
        }
        for (int i = 0; i < 3_000; i++) {
            valid(randomKeyLike(r));
        }
        for (String k : pool) {
            valid(k);
        }

        JsonNode answers = NodeOracle.ask("fractional-indexing.mjs", cases, "fractional-indexing");
        int compared = 0;
        for (int i = 0; i < cases.size(); i++) {
            Object java = javaAnswers.get(i).get();
            JsonNode reference = answers.get(i);
            String expected = reference.has("error") ? "error" : reference.toString(); // messages differ, refusals must not
            assertEquals(expected, java.toString(), "case " + i + ": " + cases.get(i));
            compared++;
        }
        assertTrue(compared > 5_000, "compared " + compared + " cases");
    }

    /** The port is stricter than the package on one point: it refuses non-base-62 characters anywhere. */
    @Test
    void keysWithCharactersOutsideBase62AreRefused() {
        for (String k : new String[] {"a0!", "a0 ", "a0\u00e9", "a0\ud83d\ude00", "a0-", "a0_", "", "!", "a"}) {
            assertFalse(FractionalIndex.isValid(k), k);
        }
        assertTrue(FractionalIndex.isValid("a0"));
        assertTrue(FractionalIndex.isValid("Zz"));
        assertTrue(FractionalIndex.isValid("a0V"));
    }

    // Lists grown the way clients grow them: each new key between two neighbours (or at an end).
    private void growLists(Random r, List<String> pool) {
        for (int list = 0; list < 6; list++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                int at = r.nextInt(keys.size() + 1);
                if (list % 3 == 0) {
                    at = keys.size() == 0 ? 0 : 1; // always just after the first: keys grow long
                } else if (list % 3 == 1) {
                    at = r.nextBoolean() ? 0 : keys.size(); // at the ends: the integer part grows
                }
                String a = at == 0 ? null : keys.get(at - 1);
                String b = at == keys.size() ? null : keys.get(at);
                between(a, b);
                String k = FractionalIndex.between(a, b);
                keys.add(at, k);
            }
            pool.addAll(keys);
        }
    }

    private void extremes(List<String> pool) {
        String[] edge = {"a0", "a1", "az", "Zz", "Z0", "b00", "bzz", "zzzzzzzzzzzzzzzzzzzzzzzzzzz", "A00000000000000000000000001",
            "A000000000000000000000000001", "zzzzzzzzzzzzzzzzzzzzzzzzzzzV", "a0zzzzz", "a0000001", "Y00", "B0000000000000000000000000"};
        for (String k : edge) {
            if (FractionalIndex.isValid(k)) {
                pool.add(k);
            }
            valid(k);
            between(k, null);
            between(null, k);
        }
        between("zzzzzzzzzzzzzzzzzzzzzzzzzzz", null);
        between(null, "A00000000000000000000000001");
    }

    private void between(String a, String b) {
        ObjectNode c = MAPPER.createObjectNode();
        c.putArray("between").add(a).add(b);
        cases.add(c);
        javaAnswers.add(() -> {
            ObjectNode out = MAPPER.createObjectNode();
            try {
                out.put("key", FractionalIndex.between(a, b));
            } catch (OtException e) {
                return "error";
            }
            return out;
        });
    }

    private void nBetween(String a, String b, int n) {
        ObjectNode c = MAPPER.createObjectNode();
        c.putArray("n").add(a).add(b).add(n);
        cases.add(c);
        javaAnswers.add(() -> {
            ObjectNode out = MAPPER.createObjectNode();
            try {
                ArrayNode keys = out.putArray("keys");
                FractionalIndex.nBetween(a, b, n).forEach(keys::add);
            } catch (OtException e) {
                return "error";
            }
            return out;
        });
    }

    private void valid(String key) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("valid", key);
        cases.add(c);
        javaAnswers.add(() -> MAPPER.createObjectNode().put("valid", FractionalIndex.isValid(key)));
    }

    // Strings of base-62 digits shaped like keys, often slightly wrong: a wrong length for the
    // head, a trailing zero, the smallest integer.
    private static String randomKeyLike(Random r) {
        StringBuilder sb = new StringBuilder();
        char head = FractionalIndex.INT_DIGITS.charAt(r.nextInt(52));
        if (r.nextInt(10) == 0) {
            head = DIGITS.charAt(r.nextInt(10)); // not a head
        }
        sb.append(head);
        int intLength = head >= 'a' ? head - 'a' + 1 : head >= 'A' && head <= 'Z' ? 'Z' - head + 1 : 1;
        int digits = intLength + r.nextInt(3) - 1 + (r.nextBoolean() ? r.nextInt(4) : 0);
        for (int i = 0; i < Math.max(0, digits); i++) {
            sb.append(r.nextInt(5) == 0 ? '0' : DIGITS.charAt(r.nextInt(62)));
        }
        if (r.nextInt(20) == 0) {
            return "A" + "0".repeat(26);
        }
        return sb.toString();
    }
}
