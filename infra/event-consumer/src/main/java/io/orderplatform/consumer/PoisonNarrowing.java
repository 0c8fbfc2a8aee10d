package io.orderplatform.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Finds which events of a batch the database refuses ({@link FailureKind#DATA_REJECTED}) by applying them one at a
 * time, in order: an event refused on its own is the record's fault and is returned for the dead-letter topic;
 * the others are applied. Each single apply still pauses and retries through outages, so an outage during the
 * narrowing dead-letters nothing.
 */
public final class PoisonNarrowing {

    private static final Logger LOG = Logger.getLogger(PoisonNarrowing.class);

    /** An event the database refused on its own, with why. */
    public record Rejected(ConsumedEvent event, Throwable failure) {
    }

    private PoisonNarrowing() {
    }

    /**
     * @param applyOne applies one event through outages: it fails only with a non-systemic failure
     * @return the events refused on their own, in order
     */
    public static Uni<List<Rejected>> narrow(List<ConsumedEvent> events, Throwable batchFailure,
            Function<ConsumedEvent, Uni<?>> applyOne) {
        if (events.size() == 1) {
            return Uni.createFrom().item(List.of(new Rejected(events.get(0), batchFailure)));
        }
        LOG.warnf("The database refused a batch of %d events (%s): applying them one by one to find the event at "
                + "fault", events.size(), DeadLetterReason.describe(batchFailure));
        List<Rejected> rejected = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsumedEvent event : events) {
            chain = chain.chain(() -> applyOne.apply(event)
                    .onFailure(FailureClassifier::isDataRejected).recoverWithItem(failure -> {
                        rejected.add(new Rejected(event, failure));
                        return null;
                    })
                    .replaceWithVoid());
        }
        return chain.replaceWith(() -> List.copyOf(rejected));
    }
}
