package io.orderplatform.problem;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list (see {@link PageCursor}) and the cursor of the next, null on the last page.
 * <p>
 * A page is made of {@link #rowsToFetch(int)} rows, one more than it shows: that row only tells that a next page
 * exists. Nothing is counted: a total would cost a scan of every matching row on each page, the very cost keyset
 * paging avoids.
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

    public KeysetPage {
        items = List.copyOf(items);
    }

    /**
     * Refuses the parameters of offset paging, which keyset paging replaced where a list had it (GET /orders,
     * GET /audit/events): ignored, {@code page=1, 2, ...} would answer the first page again and again, and a loop
     * waiting for an empty page would never end.
     */
    public static void refuseOffsetPaging(String page, String size) {
        if (page != null) {
            throw ProblemException.badRequest("page", "is no longer taken: the next page is "
                    + "cursor=<nextCursor of the previous page>, was '" + page + "'");
        }
        if (size != null) {
            throw ProblemException.badRequest("size", "is no longer taken: the page size is limit, was '" + size + "'");
        }
    }

    /** How many rows to fetch for a page of {@code limit}. */
    public static int rowsToFetch(int limit) {
        return limit + 1;
    }

    /**
     * The page of {@code limit} from the rows fetched for it, in the list's order.
     *
     * @param keyOf the sort key of a row, where the next page starts after it
     */
    public static <T> KeysetPage<T> of(List<T> rows, int limit, Function<T, PageCursor<?>> keyOf) {
        if (rows.size() <= limit) {
            return new KeysetPage<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new KeysetPage<>(page, keyOf.apply(page.get(limit - 1)).encode());
    }
}
