package io.orderplatform.order.service;

import java.util.List;

import io.orderplatform.order.domain.Order;

/** One page of a list of orders and the number of orders in the whole list. */
public record OrderPage(List<Order> orders, int page, int size, long total) {
}
