package io.orderplatform.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs Apache Kafka's {@code kafka.Kafka} main, and ends the process when its parent goes away.
 * <p>
 * Arguments: {@code <server.properties> [<cluster id> [<SCRAM credentials file>]]}. With a cluster id, the node's
 * storage is formatted first, in this JVM, unless it already is: one JVM start per node instead of two. The
 * credentials file ({@code name=password} lines) makes a SCRAM-SHA-512 user of each line in the new cluster's
 * metadata ({@code kafka-storage format --add-scram}); read from a file so that no password shows in a command line.
 * <p>
 * The launcher keeps this process's standard input open as a pipe. When the launcher (a test JVM, or the
 * local stack) exits for any reason, even {@code kill -9}, the pipe closes and this node halts, so no
 * orphaned broker survives a crashed test run.
 */
public final class SupervisedKafka {

    private SupervisedKafka() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try (InputStream parent = System.in) {
                while (parent.read() != -1) {
                    // The launcher never writes: any byte is ignored, end of stream means it has gone.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end of stream.
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        if (args.length >= 2) {
            List<String> format = new ArrayList<>(List.of("format", "-t", args[1], "-c", args[0], "--ignore-formatted"));
            if (args.length >= 3) {
                Properties users = new Properties();
                try (Reader in = Files.newBufferedReader(Path.of(args[2]))) {
                    users.load(in);
                }
                for (String name : users.stringPropertyNames()) {
                    format.add("--add-scram");
                    format.add("SCRAM-SHA-512=[name=" + name + ",password=" + users.getProperty(name) + "]");
                }
            }
            int formatted = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
            if (formatted != 0) {
                System.err.println("Formatting the storage of " + args[0] + " failed: " + formatted);
                System.exit(formatted);
            }
        }
        kafka.Kafka.main(new String[] {args[0]});
    }
}
