package com.flightbooking.booking.api.rest;

import java.util.List;

import com.flightbooking.booking.api.service.BookingService.BookingPage;

/** One page of the caller's bookings, newest first; {@code next} is the following page's URL, null on the last. */
public record BookingListView(List<BookingView> items, int page, int size, String next) {

    static BookingListView of(BookingPage found, int page, int size) {
        return new BookingListView(found.bookings().stream().map(BookingView::of).toList(), page, size,
                found.more() ? "/bookings?page=" + (page + 1) + "&size=" + size : null);
    }
}
