package dev.tandem.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live heap, measured with {@code jcmd <pid> GC.run} then {@code GC.heap_info}:
 * memory per connection or per document is the growth of the heap that survives a full
 * collection, divided by their number. Needs the server's pid on this machine.
 */
final class HeapMeter {
    private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final long pid;

    HeapMeter(long pid) {
        this.pid = pid;
    }

    boolean available() {
        return pid > 0;
    }

    /** Heap in use after a full GC, in bytes; -1 if it could not be measured. */
    long liveHeapBytes() {
        if (pid <= 0) {
            return -1;
        }
        try {
            jcmd("GC.run");
            Thread.sleep(300);
            jcmd("GC.run"); // a second pass catches what the first only made unreachable
            String info = jcmd("GC.heap_info");
            Matcher m = USED.matcher(info);
            long used = 0;
            boolean found = false;
            while (m.find()) {
                used += Long.parseLong(m.group(2)) * 1024; // one line per heap space, summed
                found = true;
            }
            return found ? used : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
