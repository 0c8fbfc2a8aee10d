package io.orderplatform.testsupport;

import static io.restassured.RestAssured.given;

/** Reads the Prometheus endpoint of the application under test. */
public final class ServiceMetrics {

    private ServiceMetrics() {
    }

    /** A counter or gauge, summed over its series (0 while it has none). */
    public static double value(String name) {
        return series(name).sum();
    }

    /** A gauge that must be exported: summed over its series, and a failure if it has none (a renamed metric). */
    public static double exported(String name) {
        double[] values = series(name).toArray();
        if (values.length == 0) {
            throw new AssertionError("The application exports no series named " + name);
        }
        return java.util.Arrays.stream(values).sum();
    }

    /** The whole Prometheus text exposition, as a scraper reads it. */
    public static String exposition() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static java.util.stream.DoubleStream series(String name) {
        return exposition().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
